// Roots (SECURITY.md, "Roots"): a folder downloaded into a home folder kept in git (dotfiles) is
// judged against itself, never against the home folder; and the CLI writes a pending spec only
// inside the folder it was started in (or --root), whatever the configuration says — a new file
// as an existing one. Found by the third security review (issue 23).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { cli } from '../support/cli';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

const PR = 'Downloads/pr';
const PENDING_NAME = '2026-02-19_self-heal-run-pending.yaml';

describe('CLI roots: a home folder in git, and writes kept in the folder the CLI runs in', function () {
  this.timeout(60000);
  let home: TempWorkspace;
  /** `$HOME` of the runs: the temporary home folder, kept in git. */
  let env: Record<string, string>;
  beforeEach(() => {
    home = new TempWorkspace('rs-home-').withExampleRepo(PR);
    fs.mkdirSync(home.path('.git'));
    home.write('private/notes.md', '# private\n'.repeat(3));
    home.write(`${PR}/${SNAPSHOT_REL}`, VALID_TEXT);
    env = { HOME: home.root };
  });
  afterEach(() => home.dispose());

  it('a folder without its own .git under a home in git is judged against itself: a file of the home folder is not found', () => {
    const text = VALID_TEXT.replace('- /specs/schema/schema_v1.md', '- /private/notes.md');
    home.write(`${PR}/${SNAPSHOT_REL}`, text);
    const r = cli(['validate', SNAPSHOT_REL], home.path(PR), 20000, env);
    assert.match(
      r.out,
      /"private\/notes\.md" does not exist in the repository\b.*\[links\/missing\]/,
      `the home folder's file was found: ${r.out}`,
    );
  });

  it('a configuration sending the pending spec into the home folder (../../.bashrc.d) is refused, for a new file as for an existing one', () => {
    home.write(`${PR}/.review-snapshot.yaml`, 'pending:\n  directory: ../../.bashrc.d\n');
    const fresh = cli(['to-pending', SNAPSHOT_REL], home.path(PR), 20000, env);
    assert.equal(fresh.code, 2, fresh.out + fresh.err);
    assert.match(fresh.err, /nothing written: .*\.bashrc\.d.* is outside/);
    assert.ok(!home.exists('.bashrc.d'), 'nothing was written in the home folder');
    home.write(`.bashrc.d/${PENDING_NAME}`, 'candidates: []\n');
    const existing = cli(['to-pending', '--force', SNAPSHOT_REL], home.path(PR), 20000, env);
    assert.equal(existing.code, 2, existing.out + existing.err);
    assert.match(existing.err, /is outside/);
    assert.equal(home.read(`.bashrc.d/${PENDING_NAME}`), 'candidates: []\n', 'the existing file is untouched');
  });

  it('in a repository of its own, a pending spec outside the folder the CLI was started in is refused; --root names the folder', () => {
    fs.mkdirSync(home.path(`${PR}/.git`));
    const run = (args: string[]) => cli(['to-pending', ...args], home.path(`${PR}/docs`), 20000, env);
    const r = run([SNAPSHOT_REL.replace(/^docs\//, '')]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /specs\/governance\/pending\/2026-02-19_self-heal-run-pending\.yaml is outside .*--out/);
    assert.ok(!home.exists(`${PR}/specs/governance/pending/${PENDING_NAME}`));
    const ok = run(['--root', home.path(PR), SNAPSHOT_REL.replace(/^docs\//, '')]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.ok(home.exists(`${PR}/specs/governance/pending/${PENDING_NAME}`));
  });
});

describe('CLI roots: a repository that encloses the home folder still roots its checkouts elsewhere', function () {
  this.timeout(60000);
  it('a package outside the home folder, in a repository whose folder also holds the home folder, reads the repository configuration', () => {
    // A scratch or container layout: the repository at /x, the home folder at /x/data/home, the
    // package at /x/pkg. Only what lies in the home folder is kept from an enclosing repository.
    const repo = new TempWorkspace('rs-enclosing-');
    try {
      fs.mkdirSync(repo.path('.git'));
      fs.mkdirSync(repo.path('data/home'), { recursive: true });
      repo.write('.review-snapshot.yaml', 'rules:\n  table/severity: error\n');
      repo.write(`pkg/${SNAPSHOT_REL}`, VALID_TEXT.replace('| P2 | Verified |', '| High | Verified |'));
      const r = cli(['validate', '--no-links', SNAPSHOT_REL], repo.path('pkg'), 20000, { HOME: repo.path('data/home') });
      assert.match(r.out, /error Severity "High" is not one of [^\n]*\(write P1 for "High"\)\. \[table\/severity\]/, r.out);
      assert.equal(r.code, 1, r.out + r.err);
    } finally {
      repo.dispose();
    }
  });
});
