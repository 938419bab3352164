// `freshness --format sarif`: SARIF 2.1.0 for CI annotations. A stale cite is a result at the
// cited file — where its code is now when it is in this repository (the annotation lands on the
// code), else the snapshot's cell — with the snapshot's cell as a related location. Unchanged
// cites are not results. A file that could not be checked is a tool execution notification.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshnessRule, freshnessRules, type CiteFreshness, ALL_RULES, severityOf, nowText } from '../../service/core';
import type { FreshnessReport } from '../freshness';
import { level, relativeUri, sarifLog } from './sarif';

type File = FreshnessReport['files'][number];

function locationIn(srcroot: string, abs: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(srcroot, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: relativeUri(rel), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(abs).href };
}

function result(f: File, c: CiteFreshness, srcroot: string, ids: string[]) {
  const id = freshnessRule(c.status)!;
  const snapshot = {
    artifactLocation: locationIn(srcroot, f.abs),
    region: { startLine: c.range.start.line + 1, startColumn: c.range.start.character + 1, endColumn: c.range.end.character + 1 },
  };
  const inRepo = c.now && c.now.line !== null && !c.repository;
  const here = inRepo
    ? { artifactLocation: locationIn(srcroot, path.join(f.root, c.now!.path)), region: { startLine: c.now!.line! } }
    : snapshot;
  const fix = c.fix ? ` Fix: ${c.fix}.` : '';
  return {
    ruleId: id,
    ruleIndex: ids.indexOf(id),
    level: level(severityOf(ALL_RULES.get(id)!)),
    message: { text: `${f.file} cites ${c.cite}: ${c.status}, ${nowText(c)}: ${c.reason}.${fix}` },
    locations: [{ physicalLocation: here }],
    ...(inRepo ? { relatedLocations: [{ id: 1, physicalLocation: snapshot, message: { text: `the cite in ${f.file}` } }] } : {}),
  };
}

export function freshnessSarif(report: FreshnessReport): string {
  const ids = freshnessRules.rules.map((r) => r.id);
  const srcroot = report.files[0]?.root ?? process.cwd();
  const results = report.files.flatMap((f) => f.cites.filter((c) => c.status !== 'unchanged').map((c) => result(f, c, srcroot, ids)));
  const notifications = report.files
    .filter((f) => f.error)
    .map((f) => ({ level: 'error' as const, message: { text: `${f.file}: freshness could not be checked: ${f.error}` } }));
  return sarifLog({ ids, srcroot, results, notifications });
}
