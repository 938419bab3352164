// The Details-page pass: the same runner as the main suite, over the tests beside this file, run
// by the offline host in a code-server where the packed .vsix is installed (not loaded from source).
export { run } from '../suite/index';
