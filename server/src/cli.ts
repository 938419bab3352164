// review-snapshot: the engine as a command-line validator for CI (see cli/main.ts).
import { main } from './cli/main';
import { checkedAny } from './cli/output';

/** Whether this run checked a snapshot: what is worth keeping in the compile cache (cliLoader.ts). */
const worthCaching = checkedAny;

export { main, worthCaching };

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}
