// Taking over the lock of a writer that died (node/safeFs.ts, breakSteps): never a busy loop,
// never a live lock removed, never something planted at the lock's name moved or followed, and
// nothing left behind. From two adversarial reviews (helper/review2, helper/review3); another
// process is played through fs hooks, as in safeWrite.test.ts.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { safeUpdateText, safeUpdateTextLater } from '../../server/src/node/safeFs';

describe('taking over a stale lock', () => {
  let root: string;
  let target: string;
  let lock: string;
  const restores: (() => void)[] = [];
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-takeover-')));
    target = path.join(root, 'spec.yaml');
    lock = path.join(root, '.spec.yaml.lock');
  });
  afterEach(() => {
    while (restores.length) restores.pop()!();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const old = () => new Date(Date.now() - 5 * 60_000);
  const append = (line: string, timeout = 5_000) => ({
    maxBytes: 1 << 20,
    lockTimeoutMs: timeout,
    update: (cur: string | undefined) => ({ text: (cur ?? '') + line + '\n' }),
  });
  /** Replaces fs[name] with `make(real)` until the test ends. */
  function hook<K extends 'unlinkSync'>(name: K, make: (real: (typeof fs)[K]) => (typeof fs)[K]): void {
    const mutable = fs as Record<K, (typeof fs)[K]>;
    const real = mutable[name];
    mutable[name] = make(real);
    restores.push(() => (mutable[name] = real));
  }
  async function outcomeOf(later: boolean, timeout: number): Promise<unknown> {
    try {
      return later ? await safeUpdateTextLater(root, target, append('A', timeout)) : safeUpdateText(root, target, append('A', timeout));
    } catch (e) {
      return `threw ${(e as Error).message}`;
    }
  }

  for (const later of [false, true]) {
    it(`a stale lock that cannot be removed (a folder the user cannot write: EACCES) is a refusal at once, not a busy loop (${later ? 'later' : 'now'})`, async () => {
      fs.writeFileSync(target, 'keep\n');
      fs.writeFileSync(lock, '');
      fs.utimesSync(lock, old(), old());
      let tries = 0;
      hook(
        'unlinkSync',
        (real) =>
          ((p: fs.PathLike) => {
            if (p !== lock) return real(p);
            tries++;
            throw Object.assign(new Error(`EACCES: permission denied, unlink '${String(p)}'`), { code: 'EACCES' });
          }) as typeof fs.unlinkSync,
      );
      const outcome = await outcomeOf(later, 2_000);
      assert.equal(tries, 1, `tried ${tries} times (outcome ${JSON.stringify(outcome)})`);
      assert.ok(
        typeof outcome === 'object' &&
          outcome !== null &&
          'reason' in outcome &&
          /cannot take over the stale lock .*EACCES/.test(String(outcome.reason)),
        JSON.stringify(outcome),
      );
      assert.equal(fs.readFileSync(target, 'utf8'), 'keep\n');
      assert.deepEqual(fs.readdirSync(root).sort(), ['.spec.yaml.lock', 'spec.yaml'], 'no guard or temporary file left');
    });
  }

  it('a folder planted at the lock name (a hostile repository), once old, is refused: not moved, not followed, no exception', async () => {
    fs.writeFileSync(target, 'keep\n');
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'content'), 'x');
    fs.utimesSync(lock, old(), old());
    const outcome = await outcomeOf(false, 200);
    assert.ok(
      typeof outcome === 'object' && outcome !== null && 'reason' in outcome && /not a lock file/.test(String(outcome.reason)),
      JSON.stringify(outcome),
    );
    assert.ok(fs.lstatSync(lock).isDirectory(), "the repository's folder is where it was");
    assert.equal(fs.readFileSync(path.join(lock, 'content'), 'utf8'), 'x');
    assert.deepEqual(fs.readdirSync(root).sort(), ['.spec.yaml.lock', 'spec.yaml']);
  });

  it('a guard left by a writer that died while breaking a lock is removed, and the write goes on', async () => {
    fs.writeFileSync(target, 'keep\n');
    fs.writeFileSync(lock, '');
    fs.writeFileSync(lock + '.break', '');
    for (const p of [lock, lock + '.break']) fs.utimesSync(p, old(), old());
    assert.deepEqual(await outcomeOf(true, 2_000), { ok: true, created: false });
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep\nA\n');
    assert.deepEqual(fs.readdirSync(root), ['spec.yaml'], 'no lock, guard or temporary file left');
  });

  it('a live guard (another writer breaking the lock) is waited for, never removed', async () => {
    fs.writeFileSync(target, 'keep\n');
    fs.writeFileSync(lock, '');
    fs.utimesSync(lock, old(), old());
    fs.writeFileSync(lock + '.break', ''); // fresh: its writer is at it now (and here, never done)
    const outcome = await outcomeOf(false, 200);
    assert.ok(
      typeof outcome === 'object' &&
        outcome !== null &&
        'reason' in outcome &&
        /being written by another process/.test(String(outcome.reason)),
    );
    assert.ok(fs.existsSync(lock + '.break') && fs.existsSync(lock), 'neither the guard nor the lock was removed');
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep\n');
  });
});

// Locks are judged by what they record (SECURITY.md, "Verdicts"): the writer's pid and machine.
describe('a lock judged by its content, not by its age', () => {
  let root: string;
  let target: string;
  let lock: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-lockowner-')));
    target = path.join(root, 'spec.yaml');
    lock = path.join(root, '.spec.yaml.lock');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (lockTimeoutMs = 300) =>
    safeUpdateText(root, target, { maxBytes: 1 << 20, lockTimeoutMs, update: () => ({ text: 'new\n' }) });

  it('a fresh lock of a live writer of this machine is waited for, never taken', () => {
    fs.writeFileSync(lock, `${process.pid} ${os.hostname()}\n`);
    const r = write();
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /being written by another process/);
    assert.ok(fs.existsSync(lock) && !fs.existsSync(target));
  });

  for (const [what, text] of [
    ['of another machine (it came with a checkout)', `${process.pid} build-host-elsewhere\n`],
    ['of a process of this machine that is not running', `999999999 ${os.hostname()}\n`],
  ]) {
    it(`a fresh lock ${what} is stale at once: taken over, the write made`, () => {
      fs.writeFileSync(lock, text);
      // Taken at once, not after a wait: a wait for a live writer is 5 s here (well above any busy
      // machine's time for one small write), and ends in a refusal.
      const started = Date.now();
      assert.deepEqual(write(5_000), { ok: true, created: true });
      assert.ok(Date.now() - started < 2_500, 'not waited for');
      assert.deepEqual(fs.readdirSync(root), ['spec.yaml'], 'the lock is gone');
    });
  }

  it('a lock that records no writer is stale after a second (a writer records itself at once), not after a minute', () => {
    fs.writeFileSync(lock, '');
    const r = safeUpdateText(root, target, { maxBytes: 1 << 20, lockTimeoutMs: 3_000, update: () => ({ text: 'new\n' }) });
    assert.deepEqual(r, { ok: true, created: true });
  });

  it('a writer records its pid and machine in its lock while it writes', () => {
    let seen = '';
    safeUpdateText(root, target, { maxBytes: 1 << 20, update: () => ((seen = fs.readFileSync(lock, 'utf8')), { text: 'x\n' }) });
    assert.equal(seen, `${process.pid} ${os.hostname()}\n`);
  });
});
