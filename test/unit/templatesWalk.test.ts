// The walk for a repository's templates enters only folders where a template can be: a folder
// no `templates` glob can match a file in (`docs/x/notes` for `docs/*/templates/**`), and one
// an `ignores` glob leaves out whole (`docs/old/**`), are not listed; the templates that are
// there are found as before (what they offer is conventional).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskWorkspace } from '../../server/src/node/diskWorkspace';
import { createSnapshotService } from '../../server/src/service/index';
import { DEFAULT_SETTINGS } from '../../server/src/service/config/settings';
import { templateWork } from '../../server/src/service/repo/repoTemplates';
import { VALID, edit, fixture } from '../support/engine';

describe('the templates walk enters only folders where a template can be', () => {
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-templates-walk-')));
    fs.mkdirSync(path.join(root, 'docs/x/templates'), { recursive: true });
    fs.writeFileSync(path.join(root, 'docs/x/templates/review_snapshot.md'), fixture('templates/review_snapshot.md'));
    for (let i = 0; i < 10; i++) fs.mkdirSync(path.join(root, 'docs/x/notes', `n${i}`), { recursive: true });
    for (let i = 0; i < 10; i++) fs.mkdirSync(path.join(root, 'docs/old', `o${i}`, 'templates'), { recursive: true });
    // An ignored template: a lane only it offers stays unconventional.
    fs.writeFileSync(
      path.join(root, 'docs/old/o0/templates/review_snapshot.md'),
      fixture('templates/review_snapshot.md').replace('<docs|governance|discovery>', '<cobol|fortran>'),
    );
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('docs/*/templates/** with docs/old/** ignored: 3 folders listed, not 24; the template found teaches its lanes', () => {
    const settings = { ...DEFAULT_SETTINGS, templates: ['docs/*/templates/**'], ignores: ['docs/old/**'] };
    const lanes = (lane: string) => {
      const service = createSnapshotService({ workspace: new DiskWorkspace() });
      const text = edit(VALID(), 'Runner lane: rust|required', `Runner lane: ${lane}`);
      const r = service.check({ text, root }, settings, { links: false, today: '2026-02-20' });
      return r.findings.filter((f) => f.rule === 'metadata/runner-lane').length;
    };
    const before = templateWork.listed;
    assert.equal(lanes('governance'), 0, "the template's lane is conventional");
    const listed = templateWork.listed - before;
    // docs, docs/x, docs/x/templates: not docs/x/notes and its 10, nor docs/old and its 20.
    assert.equal(listed, 3, `${listed} folders listed`);
    assert.equal(lanes('cobol'), 1, "the ignored template's lane is not conventional");
  });
});
