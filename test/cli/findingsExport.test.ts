// `review-snapshot findings`, run as a process: the Findings rows as SARIF 2.1.0 (valid against
// the official schema) at their File:Line, levels from the severities, fingerprints that survive
// a moved line, and the JSON form.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { cli } from '../support/cli';
import { review, row } from '../support/reviews';
import { TempWorkspace } from '../support/workspace';

const SARIF_SCHEMA = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);

const SNAP = 'docs/reviews/snapshots/2026-01-01_run.md';

type Result = {
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } }[];
  relatedLocations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
};

function sarif(ws: TempWorkspace, file = SNAP): { results: Result[] } {
  const r = cli(['findings', file], ws.root);
  assert.equal(r.code, 0, r.err);
  const log = JSON.parse(r.out) as { runs: { results: Result[] }[] };
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SARIF_SCHEMA);
  const valid = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors, null, 1));
  return log.runs[0];
}

describe('CLI: findings (code scanning)', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-findings-');
    fs.mkdirSync(ws.path('.git'));
  });
  afterEach(() => ws.dispose());

  it('sarif: valid 2.1.0; each row at its File:Line, level from severity, the snapshot row as related location', () => {
    ws.write(
      SNAP,
      review([
        row('P0', 'src/a.ts:10', 'Data is lost.'),
        row('high', '`./src/b%2Dc.ts:7-9`', 'Wrong result.'),
        row('P2', 'src/c.ts:3', 'Noisy log.'),
        row('P3', 'n/a', 'Typo in docs.'),
      ]),
    );
    const run = sarif(ws);
    assert.deepEqual(
      run.results.map((r) => r.level),
      ['error', 'error', 'warning', 'note'],
    );
    const [a, b, , d] = run.results;
    assert.deepEqual(a.locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/a.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 10 },
    });
    assert.equal(b.locations[0].physicalLocation.artifactLocation.uri, 'src/b-c.ts');
    assert.equal(b.locations[0].physicalLocation.region!.startLine, 7);
    assert.match(a.message.text, /^Data is lost\./);
    const snapshotLine =
      ws
        .read(SNAP)
        .split('\n')
        .findIndex((l) => l.includes('Data is lost.')) + 1;
    assert.deepEqual(a.relatedLocations[0].physicalLocation.artifactLocation.uri, SNAP);
    assert.equal(a.relatedLocations[0].physicalLocation.region.startLine, snapshotLine);
    // A row that names no file in the code is shown at its row in the snapshot.
    assert.equal(d.locations[0].physicalLocation.artifactLocation.uri, SNAP);
  });

  it('sarif: the fingerprint does not change when only the line moves, and does when the text does', () => {
    ws.write(SNAP, review([row('P1', 'src/a.ts:10', 'Data is lost at line 10.'), row('P1', 'src/a.ts:10', 'Another finding.')]));
    const before = sarif(ws).results.map((r) => r.partialFingerprints['reviewFinding/v1']);
    ws.write(SNAP, review([row('P1', 'src/a.ts:55', 'Data is lost at line 55.'), row('P1', 'src/a.ts:10', 'Another, different finding.')]));
    const after = sarif(ws).results.map((r) => r.partialFingerprints['reviewFinding/v1']);
    assert.equal(after[0], before[0]);
    assert.notEqual(after[1], before[1]);
  });

  it('json: version 1, the rows of each snapshot with their fingerprint; several snapshots at once', () => {
    ws.write(SNAP, review([row('P2', 'src/a.ts:1', 'One.')]));
    ws.write('docs/reviews/snapshots/2026-02-01_run.md', review([row('P2', 'src/a.ts:1', 'Two.')]));
    const r = cli(['findings', '--format', 'json', 'docs/reviews/snapshots'], ws.root);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.version, 1);
    assert.deepEqual(j.snapshots.map((s: { findings: { what: string }[] }) => s.findings[0].what).sort(), ['One.', 'Two.']);
    assert.match(j.snapshots[0].findings[0].fingerprint, /^[0-9a-f]{16}$/);
  });

  it('an unreadable snapshot or a wrong format is exit 2 with a message, never a stack trace', () => {
    for (const args of [['nope.md'], ['--format', 'csv', SNAP], []]) {
      const r = cli(['findings', ...args], ws.root);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, /^review-snapshot: /);
      assert.ok(!/\n\s+at /.test(r.err), r.err);
    }
  });
});
