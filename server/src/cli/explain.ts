// `review-snapshot explain <rule>`: a rule's documentation page (docs/rules/<rule>.md, shipped
// with the package and the extension), and `--list`: every rule the engine declares. Only ids the
// engine declares are looked up (a name from the command line never becomes a path by itself).
import { readRuleDoc, ruleDocUrl, ruleDocsDir } from '../node/ruleDocs';
import { ALL_RULES, severityOf } from '../service/core';
import { UsageError, type Args } from './args';
import { writeOut, errLine } from './output';

function list(): number {
  const width = Math.max(...[...ALL_RULES.keys()].map((id) => id.length));
  const lines = [...ALL_RULES.values()].map(
    (r) => `${r.id.padEnd(width)}  ${severityOf(r).padEnd(7)}  ${r.fixable ? 'fix' : '   '}  ${r.description}`,
  );
  writeOut(lines.join('\n') + '\n');
  return 0;
}

/** Ids that end like the one asked for (`missing` → `metadata/missing`, `section/missing`, …). */
export function suggestions(asked: string): string[] {
  const tail = asked.includes('/') ? asked.slice(asked.indexOf('/') + 1) : asked;
  return [...ALL_RULES.keys()].filter((id) => id.endsWith('/' + tail));
}

export function runExplain(args: Args): number {
  if (args.flags.has('list')) return list();
  if (args.positional.length !== 1) throw new UsageError('explain needs one rule id (see "review-snapshot explain --list")', 'explain');
  const id = args.positional[0];
  if (!ALL_RULES.has(id)) {
    const near = suggestions(id);
    throw new UsageError(
      `unknown rule "${id}"${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (see "review-snapshot explain --list")`,
    );
  }
  const page = readRuleDoc(id);
  if (page === undefined) {
    errLine(`review-snapshot: the page of ${id} is missing from ${ruleDocsDir()}`);
    return 2;
  }
  writeOut(page.endsWith('\n') ? page : page + '\n');
  const url = ruleDocUrl(id);
  if (url) writeOut(`\n${url}\n`);
  return 0;
}
