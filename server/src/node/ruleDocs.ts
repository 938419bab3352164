// Where a rule's documentation page is: the page shipped beside the bundle
// (`<package>/docs/rules/<family>/<name>.md`, in the npm package and the .vsix alike), or, once
// package.json names a repository, that page on the repository's default branch. The URL goes
// into diagnostics (`codeDescription.href`), the JSON and the SARIF output.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, MAX_READ_BYTES } from '../service/core';
import { safeReadText } from './safeFs';

/** package.json's repository as an https URL, set at build time by esbuild.mjs ('' when none). */
declare const __RS_REPOSITORY__: string | undefined;

/** The folder of the shipped rule pages: `docs/rules` beside `dist/` (the bundles' folder). */
export function ruleDocsDir(): string {
  return path.join(__dirname, '..', 'docs', 'rules');
}

function repository(): string {
  return typeof __RS_REPOSITORY__ === 'string' ? __RS_REPOSITORY__ : '';
}

/** The page of a rule the engine declares (undefined for any other id: no URL is made from text). */
export function ruleDocUrl(rule: string): string | undefined {
  if (!ALL_RULES.has(rule)) return undefined;
  const repo = repository();
  if (repo) return `${repo}/blob/HEAD/docs/rules/${rule}.md`;
  return pathToFileURL(path.join(ruleDocsDir(), ...rule.split('/')) + '.md').href;
}

/** The text of a rule's page, read from the package's own folder (undefined when missing). */
export function readRuleDoc(rule: string): string | undefined {
  if (!ALL_RULES.has(rule)) return undefined;
  const dir = ruleDocsDir();
  const r = safeReadText(dir, path.join(dir, ...rule.split('/')) + '.md', MAX_READ_BYTES);
  return r.ok ? r.text : undefined;
}
