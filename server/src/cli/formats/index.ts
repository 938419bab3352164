// The output formats of `validate --format`, each in its own module, loaded only when chosen.
import type * as Github from './github';
import type * as Json from './json';
import type * as Junit from './junit';
import type { Format } from './report';
import type * as Sarif from './sarif';
import type * as Text from './text';

/* eslint-disable @typescript-eslint/no-require-imports -- a run loads the one format it prints */
export const FORMATS: ReadonlyMap<string, () => Format> = new Map<string, () => Format>([
  ['text', () => (require('./text') as typeof Text).formatTextRun],
  ['json', () => (require('./json') as typeof Json).formatJsonRun],
  ['sarif', () => (require('./sarif') as typeof Sarif).formatSarifRun],
  ['github', () => (require('./github') as typeof Github).formatGithubRun],
  ['junit', () => (require('./junit') as typeof Junit).formatJunitRun],
]);
/* eslint-enable @typescript-eslint/no-require-imports */

export type { Format, RunReport } from './report';
