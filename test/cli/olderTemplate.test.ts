// The CLI, as a process, on the contract's home repository's older template layout (issue 22,
// item 3): the template passes as a template, even with --strict; a snapshot copied from it fails
// without --strict, one placeholder/unfilled error at each placeholder; filled in, it conforms.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { cli, jsonFindings } from '../support/cli';
import { FROM_OLDER_REL, OLDER_TEMPLATE, OLDER_TEMPLATE_REL, fillOlder, olderPlaceholders } from '../support/olderTemplate';
import { TempWorkspace } from '../support/workspace';

describe('CLI: the older template layout and snapshots made from it', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace('rs-cli-older-').withExampleRepo();
    fs.mkdirSync(ws.path('.git'));
    ws.write(OLDER_TEMPLATE_REL, OLDER_TEMPLATE);
  });
  afterEach(() => ws.dispose());

  it('the template passes as a template, without and with --strict', () => {
    for (const strict of [[], ['--strict']]) {
      const r = cli(['validate', ...strict, OLDER_TEMPLATE_REL], ws.root);
      assert.deepEqual([r.code, r.out], [0, '1 template checked: 0 errors, 0 warnings; all conform\n'], r.err);
    }
  });

  it('a copy not filled fails without --strict: one placeholder/unfilled error at each placeholder', () => {
    ws.write(FROM_OLDER_REL, OLDER_TEMPLATE);
    const { code, found } = jsonFindings(FROM_OLDER_REL, ws.root);
    assert.equal(code, 1);
    assert.deepEqual(
      found.map((f) => [f.rule, f.severity, f.line, f.column, f.endLine, f.endColumn]),
      olderPlaceholders().map((p) => ['placeholder/unfilled', 'error', p.line + 1, p.start + 1, p.line + 1, p.end + 1]),
    );
  });

  it('filled in, it conforms (with --strict too); one placeholder left and it fails again', () => {
    ws.write(FROM_OLDER_REL, fillOlder());
    const r = cli(['validate', '--strict', FROM_OLDER_REL], ws.root);
    assert.deepEqual([r.code, r.out], [0, '1 snapshot checked: 0 errors, 0 warnings; all conform\n'], r.out);
    const summary = olderPlaceholders().findIndex((p) => p.text === '<summary>');
    ws.write(FROM_OLDER_REL, fillOlder(new Set([summary])));
    const { code, found } = jsonFindings(FROM_OLDER_REL, ws.root);
    assert.deepEqual([code, found.map((f) => f.rule)], [1, ['placeholder/unfilled']]);
    // to-pending refuses it as validate does: nothing is printed for a snapshot with `<summary>` unfilled.
    const pending = cli(['to-pending', '--out', '-', FROM_OLDER_REL], ws.root);
    assert.deepEqual([pending.code, pending.out], [1, '']);
    assert.match(pending.err, /nothing written/);
  });
});
