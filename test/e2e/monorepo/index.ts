// The monorepo pass: the same runner as the main suite, over the tests beside this file, run by
// the offline host with the workspace folder opened inside a repository (`.git` and the team's
// `.review-snapshot.yaml` one folder up), as a package of a monorepo is opened alone.
export { run } from '../suite/index';
