// The one guarded write (node/safeFs.ts), made step by step: synchronously (safeUpdateText) or
// with its fsync and lock waits off the main thread (safeUpdateTextLater, what --fix uses). Both
// make the same steps: the same file, the same refusals, no temporary or lock file left.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { safeUpdateText, safeUpdateTextLater } from '../../server/src/node/safeFs';

describe('the guarded write, now and later', () => {
  let root: string;
  beforeEach(() => (root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-write-')))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const append = (line: string) => ({ maxBytes: 1 << 20, update: (cur: string | undefined) => ({ text: (cur ?? '') + line + '\n' }) });

  it('creates, then replaces keeping the permissions; the same either way', async () => {
    for (const [name, write] of [
      ['now', (t: string, l: string) => Promise.resolve(safeUpdateText(root, t, append(l)))],
      ['later', (t: string, l: string) => safeUpdateTextLater(root, t, append(l))],
    ] as const) {
      const target = path.join(root, name, 'a.md');
      assert.deepEqual(await write(target, 'one'), { ok: true, created: true });
      fs.chmodSync(target, 0o640);
      assert.deepEqual(await write(target, 'two'), { ok: true, created: false });
      assert.equal(fs.readFileSync(target, 'utf8'), 'one\ntwo\n');
      assert.equal(fs.statSync(target).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(path.dirname(target)), ['a.md'], `${name}: nothing left behind`);
    }
  });

  it('writers of one file take turns (the lock), waiting without holding the thread: no update is lost', async () => {
    const target = path.join(root, 'spec.yaml');
    const all = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((l) => safeUpdateTextLater(root, target, append(l))));
    assert.ok(all.every((r) => r.ok));
    assert.deepEqual(fs.readFileSync(target, 'utf8').split('\n').filter(Boolean).sort(), ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(fs.readdirSync(root), ['spec.yaml']);
  });

  it("a link planted at the lock's name is never followed: waited for as another writer's lock, removed once stale", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-outside-'));
    try {
      const secret = path.join(outside, 'profile');
      fs.writeFileSync(secret, 'SECRET\n');
      const target = path.join(root, 'a.md');
      const lock = path.join(root, '.a.md.lock');
      fs.symlinkSync(secret, lock);
      const quick = { ...append('one'), lockTimeoutMs: 60 };
      for (const r of [safeUpdateText(root, target, quick), await safeUpdateTextLater(root, target, quick)]) {
        assert.ok(!r.ok && /being written by another process/.test(r.reason), JSON.stringify(r));
      }
      assert.ok(fs.lstatSync(lock).isSymbolicLink(), 'a lock that is not stale is left to its writer');
      assert.ok(!fs.existsSync(target));
      // A lock older than a minute was left by a writer that died: removed (the link, not its target).
      const old = new Date(Date.now() - 5 * 60_000);
      fs.lutimesSync(lock, old, old);
      assert.deepEqual(await safeUpdateTextLater(root, target, quick), { ok: true, created: true });
      assert.equal(fs.readFileSync(target, 'utf8'), 'one\n');
      assert.equal(fs.readFileSync(secret, 'utf8'), 'SECRET\n', 'nothing written through the planted link');
      assert.deepEqual(fs.readdirSync(root), ['a.md'], 'the stale lock and the new one are gone');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a symbolic link and a folder that leads outside, and a refused update, alike', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'x.md'), 'outside\n');
      fs.symlinkSync(path.join(outside, 'x.md'), path.join(root, 'link.md'));
      fs.symlinkSync(outside, path.join(root, 'out'));
      fs.writeFileSync(path.join(root, 'kept.md'), 'kept\n');
      const cases: [string, RegExp][] = [
        [path.join(root, 'link.md'), /symbolic link; it is not followed/],
        [path.join(root, 'out', 'x.md'), /leads outside the folder/],
      ];
      for (const [target, why] of cases) {
        const now = safeUpdateText(root, target, append('no'));
        const later = await safeUpdateTextLater(root, target, append('no'));
        assert.deepEqual(later, now);
        assert.ok(!now.ok && why.test(now.reason), target);
      }
      const refuse = { maxBytes: 1 << 20, update: () => ({ refuse: 'changed' }) };
      assert.deepEqual(await safeUpdateTextLater(root, path.join(root, 'kept.md'), refuse), { ok: false, reason: 'changed' });
      assert.equal(fs.readFileSync(path.join(outside, 'x.md'), 'utf8'), 'outside\n');
      assert.equal(fs.readFileSync(path.join(root, 'kept.md'), 'utf8'), 'kept\n');
      assert.deepEqual(fs.readdirSync(root).sort(), ['kept.md', 'link.md', 'out']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

// Found by an adversarial review: the other process is played by this test, with the file
// operations it would make, at the points of the interleaving (fs is observed through lstatSync,
// which both the stale check and the target's check call).
describe('the guarded write against a second process', () => {
  let root: string;
  let restore: (() => void) | undefined;
  beforeEach(() => (root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-write-race-')))));
  afterEach(() => {
    restore?.();
    restore = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const append = (line: string) => ({ maxBytes: 1 << 20, update: (cur: string | undefined) => ({ text: (cur ?? '') + line + '\n' }) });

  /** `spec.yaml` holding `text`, and the lock a writer that died five minutes ago left, holding `left`. */
  function deadWritersLock(text: string, left: string): { target: string; lock: string } {
    const target = path.join(root, 'spec.yaml');
    const lock = path.join(root, '.spec.yaml.lock');
    fs.writeFileSync(target, text);
    fs.writeFileSync(lock, left);
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(lock, old, old);
    return { target, lock };
  }

  it('two writers that both judge a dead writer’s lock stale never empty the file, and lose no entry', () => {
    // A writer that died a while ago left its lock (with half of what it wrote).
    const { target, lock } = deadWritersLock('keep-1\nkeep-2\n', 'keep-1\nhalf');

    // The other process (B) runs the same steps: it saw the stale lock too (as this one does,
    // below), removed it first and took the name; then it writes its temporary file, renames it
    // over the target and removes the lock by name (which is this process's by then).
    let stage = 0;
    const real = fs.lstatSync;
    const spy = ((p: fs.PathLike, o?: fs.StatSyncOptions) => {
      const st = real(p, o as fs.StatSyncOptions);
      if (stage === 0 && p === lock) {
        // This process (A) has just judged the lock stale; B, which judged it so a moment before,
        // removes it and creates its own (exclusively, as lockSteps does). A then removes the name.
        stage = 1;
        fs.unlinkSync(lock);
        fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      }
      return st;
    }) as typeof fs.lstatSync;
    const spyTarget = ((p: fs.PathLike, o?: fs.StatSyncOptions) => {
      if (stage === 1 && (p === target || p === lock)) {
        // A's next look (at the target, having taken the name; or at the lock, waiting for it).
        // B finishes its write: its text (the file as it read it, plus its entry) into its own
        // temporary file, synced, renamed over the target; then it removes the lock's name.
        stage = 2;
        const tmpB = path.join(root, '.spec.yaml.b-process.tmp');
        fs.writeFileSync(tmpB, 'keep-1\nkeep-2\nB\n');
        fs.renameSync(tmpB, target);
        fs.unlinkSync(lock);
      }
      return spy(p, o);
    }) as typeof fs.lstatSync;
    const mutable = fs as { lstatSync: typeof fs.lstatSync };
    mutable.lstatSync = spyTarget;
    restore = () => (mutable.lstatSync = real);

    let outcome: unknown;
    try {
      outcome = safeUpdateText(root, target, append('A'));
    } catch (e) {
      outcome = (e as Error).message;
    }
    restore();
    restore = undefined;
    assert.equal(stage, 2, 'the interleaving was played');
    const now = fs.readFileSync(target, 'utf8');
    // What was there before either writer, and what a writer was told it wrote, must be in the file.
    assert.ok(
      now.includes('keep-1\nkeep-2\n'),
      `the file lost what it held: ${JSON.stringify(now)} (writer A: ${JSON.stringify(outcome)})`,
    );
    assert.ok(now.includes('B\n'), `B's entry, reported written, is gone: ${JSON.stringify(now)}`);
  });

  it('a writer that judges a lock stale takes it over only if it is still the stale one: no update of the other writer is lost', () => {
    const { target, lock } = deadWritersLock('keep\n', '');

    // B (another process) judged the dead writer's lock stale a moment before A (this one): when A
    // looks at it, B removes it, takes the name and reads the file. B finishes (its temporary file
    // renamed over the target, the lock removed by name) as late as it can: when A, holding
    // what it believes is the lock, computes its text, or when A next looks at the lock.
    let stage = 0;
    let readByB = '';
    const finishB = () => {
      if (stage !== 1) return;
      stage = 2;
      const tmpB = path.join(root, '.spec.yaml.b-process.tmp');
      fs.writeFileSync(tmpB, readByB + 'B\n');
      fs.renameSync(tmpB, target);
      fs.rmSync(lock, { force: true });
    };
    const real = fs.lstatSync;
    const mutable = fs as { lstatSync: typeof fs.lstatSync };
    mutable.lstatSync = ((p: fs.PathLike, o?: fs.StatSyncOptions) => {
      if (p === lock && stage === 1) finishB();
      const st = real(p, o as fs.StatSyncOptions);
      if (p === lock && stage === 0) {
        stage = 1;
        fs.unlinkSync(lock);
        fs.closeSync(fs.openSync(lock, 'wx', 0o600));
        readByB = fs.readFileSync(target, 'utf8');
      }
      return st;
    }) as typeof fs.lstatSync;
    restore = () => (mutable.lstatSync = real);
    const r = safeUpdateText(root, target, {
      maxBytes: 1 << 20,
      update: (cur) => {
        finishB();
        return { text: (cur ?? '') + 'A\n' };
      },
    });
    restore();
    restore = undefined;
    assert.equal(stage, 2, 'the interleaving was played');
    assert.deepEqual(r, { ok: true, created: false });
    const now = fs.readFileSync(target, 'utf8');
    assert.ok(now.includes('B\n'), `B's entry, reported written, was lost: ${JSON.stringify(now)}`);
    assert.ok(now.includes('A\n') && now.startsWith('keep\n'), JSON.stringify(now));
    assert.deepEqual(fs.readdirSync(root), ['spec.yaml'], 'no lock or temporary file left');
  });
});
