// The workspace index: candidate ids and titles of every snapshot and pending spec of the
// folders, kept current by touches (the server's file events).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { SnapshotService } from '../../server/src/service/index';
import { drain } from '../../server/src/service/steps';
import { serviceFor, settingsFor, VALID } from '../support/engine';
import type { InMemoryWorkspace } from '../support/memoryWorkspace';
import { abs, PENDING_REL, ROOT, SNAPSHOT_REL } from '../support/authoring';

const OTHER_REL = 'docs/reviews/snapshots/2026-03-01_other.md';
const TITLED_REL = 'notes/review.md';

function indexed(files: Record<string, string>, links: Record<string, string> = {}): { service: SnapshotService; ws: InMemoryWorkspace } {
  const all: Record<string, string> = {};
  for (const [rel, t] of Object.entries(files)) all[abs(rel)] = t;
  const linked: Record<string, string> = {};
  for (const [rel, target] of Object.entries(links)) linked[abs(rel)] = target;
  const service = serviceFor({ files: all, symlinks: linked });
  service.index.setFolders([{ root: ROOT, files: ['**/reviews/snapshots/**/*.md'], pendingDirectory: 'specs/governance/pending' }]);
  update(service);
  return { service, ws: service.workspace as InMemoryWorkspace };
}

function update(service: SnapshotService): void {
  while (service.index.hasWork) drain(service.index.updateSteps());
}

const names = (service: SnapshotService, q = '') =>
  service
    .workspaceSymbols(q)
    .map((s) => `${s.name} @ ${s.containerName}`)
    .sort();

describe('workspace index', () => {
  const files = () => ({
    [SNAPSHOT_REL]: VALID(),
    [OTHER_REL]: VALID()
      .replace(/SELFHEAL-RUN-001/g, 'DOCS-PASS-003')
      .replace('Improve rust governance', 'Document'),
    // A snapshot by its title, outside the globs; and a Markdown file that is none.
    [TITLED_REL]: VALID().replace(/SELFHEAL-RUN-001/g, 'NOTES-1'),
    'docs/guide.md': '# Guide\n\n- id: NOT-A-CANDIDATE\n',
    [PENDING_REL]: `source_snapshot: ${SNAPSHOT_REL}\ncandidates:\n  - id: SELFHEAL-RUN-001\n    title: Improve it\n`,
    // Hidden folders and dependencies are not walked.
    'node_modules/x/docs/reviews/snapshots/a.md': VALID().replace(/SELFHEAL-RUN-001/g, 'DEP-1'),
    '.cache/docs/reviews/snapshots/b.md': VALID().replace(/SELFHEAL-RUN-001/g, 'HIDDEN-1'),
  });

  it('holds the candidates of every snapshot and pending spec, and matches ids and titles', () => {
    const { service } = indexed(files());
    assert.deepEqual(names(service), [
      'DOCS-PASS-003 — Document command failure diagnostics and retry behavior @ docs/reviews/snapshots/2026-03-01_other.md',
      'NOTES-1 — Improve rust governance command failure diagnostics and retry behavior @ notes/review.md',
      'SELFHEAL-RUN-001 — Improve it @ pending spec specs/governance/pending/2026-02-19_self-heal-run-pending.yaml',
      'SELFHEAL-RUN-001 — Improve rust governance command failure diagnostics and retry behavior @ docs/reviews/snapshots/2026-02-19_self-heal-run.md',
    ]);
    assert.deepEqual(names(service, 'docpass'), [
      'DOCS-PASS-003 — Document command failure diagnostics and retry behavior @ docs/reviews/snapshots/2026-03-01_other.md',
    ]);
    assert.equal(service.workspaceSymbols('retry behavior').length, 3, 'titles match too');
    const s = service.workspaceSymbols('DOCS-PASS')[0];
    assert.equal(s.location.uri.endsWith('2026-03-01_other.md'), true);
    assert.equal(
      s.location.range.start.line,
      VALID()
        .split('\n')
        .findIndex((l) => l.startsWith('- id: ')),
    );
  });

  it('follows file events: a changed, a new and a deleted file, a removed folder', () => {
    const { service, ws } = indexed(files());
    ws.files.set(abs(OTHER_REL), VALID().replace(/SELFHEAL-RUN-001/g, 'RENAMED-9'));
    service.invalidate(abs(OTHER_REL));
    ws.files.set(abs('docs/reviews/snapshots/2026-04-01_new.md'), VALID().replace(/SELFHEAL-RUN-001/g, 'NEW-1'));
    service.invalidate(abs('docs/reviews/snapshots/2026-04-01_new.md'));
    ws.files.delete(abs(TITLED_REL));
    service.invalidate(abs(TITLED_REL));
    update(service);
    const ids = () => [...new Set(service.workspaceSymbols('').map((s) => s.name.split(' ')[0]))].sort();
    assert.deepEqual(ids(), ['NEW-1', 'RENAMED-9', 'SELFHEAL-RUN-001']);
    for (const k of [...ws.files.keys()]) if (k.startsWith(abs('specs') + path.sep)) ws.files.delete(k);
    service.invalidate(abs('specs'));
    update(service);
    assert.ok(!service.workspaceSymbols('').some((s) => s.containerName?.startsWith('pending spec')));
  });

  it('an open document counts with its unsaved text', () => {
    const { service } = indexed(files());
    const unsaved = service.check({ text: VALID().replace(/SELFHEAL-RUN-001/g, 'UNSAVED-2'), root: ROOT }, settingsFor());
    const entry = service.indexEntry(ROOT, abs(SNAPSHOT_REL), unsaved);
    const syms = service.workspaceSymbols('UNSAVED', new Map([[abs(SNAPSHOT_REL), entry]]));
    assert.equal(syms.length, 1);
  });

  it('does not follow a link to a folder (no loops) nor read a link that leads outside', () => {
    const { service } = indexed(files(), { 'docs/loop': ROOT, 'docs/out': path.resolve('/elsewhere') });
    assert.equal(names(service).length, 4);
  });
});
