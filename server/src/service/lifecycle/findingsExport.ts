// A review's Findings rows as SARIF 2.1.0 results at their File:Line in the code, so code
// scanning tracks them: severity → level, the finding's text as message, the snapshot row as a
// related location, and a partialFingerprint that does not change when only the line moves (a
// later review that drops the row closes the alert). Pure: the CLI gives names and text.
import { normalizeText, findingFingerprint } from './match';
import { readFindings, type ReviewFinding } from './reviewItems';
import { parseSnapshot } from '../model/snapshot';

export const FINDING_RULE = 'review-snapshot/finding';
const FINGERPRINT_KEY = 'reviewFinding/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

/** P0/P1 and critical/high are errors, P2/medium warnings, P3/low/info notes (conventions.yaml); anything else a warning. */
export function sarifLevel(severity: string): SarifLevel {
  const s = normalizeText(severity);
  if (/^(?:p0|p1|critical|high|blocker)\b/.test(s)) return 'error';
  if (/^(?:p3|p4|low|info|informational|note|trivial)\b/.test(s)) return 'note';
  return 'warning';
}

export interface ExportedSnapshot {
  /** The snapshot's path relative to the repository root, `/`-separated (or its `file:` URI when outside it). */
  name: string;
  findings: ReviewFinding[];
}

export function exportFindings(name: string, text: string): ExportedSnapshot {
  // Only the Findings table is read: the candidates' YAML (most of the parse time) is skipped.
  return { name, findings: readFindings(parseSnapshot(text, undefined, false)) };
}

function uri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function result(s: ExportedSnapshot, f: ReviewFinding) {
  const artifact = s.name.startsWith('file:') ? { uri: s.name } : { uri: uri(s.name), uriBaseId: 'SRCROOT' };
  const snapshotLocation = { physicalLocation: { artifactLocation: artifact, region: { startLine: f.row } } };
  // A row without a path in the code is shown at its row in the snapshot.
  const location = f.file
    ? {
        physicalLocation: {
          artifactLocation: { uri: uri(f.file), uriBaseId: 'SRCROOT' },
          ...(f.line ? { region: { startLine: f.line } } : {}),
        },
      }
    : snapshotLocation;
  const why = f.why ? `\n\nWhy: ${f.why}` : '';
  const fix = f.fix ? `\n\nProposed fix: ${f.fix}` : '';
  return {
    ruleId: FINDING_RULE,
    ruleIndex: 0,
    level: sarifLevel(f.severity),
    message: { text: `${f.what || '(no text)'}${why}${fix}` },
    locations: [location],
    relatedLocations: [{ id: 1, ...snapshotLocation, message: { text: `Finding row in review snapshot ${s.name}` } }],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(f) },
    properties: { severity: f.severity, verification: f.verification, snapshot: s.name },
  };
}

/** The SARIF log of the findings of these snapshots (one run); `srcroot` is the root's file URI. */
export function findingsSarif(snapshots: readonly ExportedSnapshot[], srcroot: string, version: string): object {
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'review-snapshot',
            semanticVersion: version,
            version,
            rules: [
              {
                id: FINDING_RULE,
                name: 'ReviewFinding',
                shortDescription: { text: 'A finding recorded in a review snapshot' },
                fullDescription: { text: 'A row of the Findings table of a review snapshot, at the File:Line it names.' },
                defaultConfiguration: { level: 'warning' },
              },
            ],
          },
        },
        automationDetails: { id: 'review-snapshot/findings/' },
        originalUriBaseIds: { SRCROOT: { uri: srcroot.replace(/\/?$/, '/') } },
        results: snapshots.flatMap((s) => s.findings.map((f) => result(s, f))),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
