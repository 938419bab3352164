// The restricted pass: the same runner as the main suite, over the tests beside this file, run
// by the host in a workspace that is not trusted (Restricted Mode).
export { run } from '../suite/index';
