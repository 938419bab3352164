// --format sarif: SARIF 2.1.0 for code scanning (GitHub's upload-sarif and other viewers).
// Every rule the engine declares is in tool.driver.rules (id, descriptions, help from its page,
// helpUri, default level); results carry repository-relative locations (uriBaseId SRCROOT),
// related locations and fixes. A check that did not run to its end is a tool execution
// notification and makes executionSuccessful false. Checked against the official schema in npm test.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Finding, type Fix, ALL_RULES, severityOf } from '../../service/core';
import { readRuleDoc, ruleDocUrl } from '../../node/ruleDocs';
import { VERSION } from '../help';
import type { FileReport } from '../output';
import { safeJson } from '../output';
import type { RunReport } from './report';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

export function level(severity: Finding['severity']): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A path as a URI reference: each segment percent-encoded, `/` between them. */
export function relativeUri(rel: string): string {
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

function artifactLocation(file: FileReport, srcroot: string): { uri: string; uriBaseId?: string } {
  const abs = file.abs ?? path.resolve(file.file);
  const rel = path.relative(srcroot, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: relativeUri(rel), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(abs).href };
}

function region(r: Finding['range']) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** A rule as SARIF describes it; its help is its documentation page (read from the package). */
function rule(id: string) {
  const decl = ALL_RULES.get(id)!;
  const page = readRuleDoc(id);
  // helpUri is where code scanning sends a reader: an https page only. The installed page's
  // file: URL would be a path on the CI runner; the page's text is in `help` either way.
  const url = ruleDocUrl(id);
  const helpUri = url?.startsWith('https://') ? url : undefined;
  return {
    id,
    name: id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: decl.description },
    fullDescription: { text: decl.description },
    ...(helpUri ? { helpUri } : {}),
    help: page ? { text: page, markdown: page } : { text: decl.description },
    defaultConfiguration: { level: level(severityOf(decl)) },
    properties: { tags: [decl.contract ? 'contract' : 'convention'], fixable: decl.fixable },
  };
}

function fixSarif(fix: Fix, location: ReturnType<typeof artifactLocation>) {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: location,
        replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
      },
    ],
  };
}

function result(f: Finding, location: ReturnType<typeof artifactLocation>, index: Map<string, number>, srcroot: string) {
  const physical = (r: Finding['range'], file?: string) => ({
    artifactLocation: file ? artifactLocation({ file, abs: file, findings: [] }, srcroot) : location,
    region: region(r),
  });
  return {
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: level(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: physical(f.range) }],
    ...(f.related?.length
      ? {
          relatedLocations: f.related.map((r, i) => ({
            id: i + 1,
            physicalLocation: physical(r.range, r.file),
            message: { text: r.message },
          })),
        }
      : {}),
    ...(f.fixes?.length ? { fixes: f.fixes.map((x) => fixSarif(x, location)) } : {}),
  };
}

/** SRCROOT: the repository root of the first file (or --root), as a directory URI. */
function srcrootOf(run: RunReport): string {
  return run.files[0]?.root ?? process.cwd();
}

export function formatSarifRun(run: RunReport): string {
  const ids = [...ALL_RULES.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const srcroot = srcrootOf(run);
  const results = run.files.flatMap((file) => {
    const location = artifactLocation(file, srcroot);
    return file.findings.map((f) => result(f, location, index, srcroot));
  });
  const notifications = run.files
    .filter((f) => f.unchecked)
    .map((f) => ({ level: 'error' as const, message: { text: `${f.file} could not be checked: a rule did not run to its end.` } }));
  return sarifLog({ ids, srcroot, results, notifications });
}

/** A SARIF log of one run of the tool: its rules (by id), results and what could not be checked. */
export function sarifLog(run: {
  ids: string[];
  srcroot: string;
  results: unknown[];
  notifications: { level: 'error'; message: { text: string } }[];
}): string {
  const { ids, srcroot, results, notifications } = run;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'review-snapshot', semanticVersion: VERSION, version: VERSION, rules: ids.map(rule) } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(srcroot).href.replace(/\/?$/, '/') } },
        results,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return safeJson(log) + '\n';
}
