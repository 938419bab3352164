// review-snapshot: the engine as a command-line validator for CI (see cli/main.ts).
import { main } from './cli/main';

export { main };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
