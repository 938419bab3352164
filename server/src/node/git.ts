// The git binary, spawned for finding freshness (the server and the CLI alike: the VS Code git
// API is not there in the server or in CI). Only read-only plumbing, always an argument array and
// never a shell; revisions are full hex object names this module resolved itself, or hex text
// checked before it is asked about, so text from a snapshot never becomes an option; paths go
// after `--` with literal pathspecs (no `:(glob)` magic) and over cat-file's stdin only when they
// are plain repository paths. A repository's own configuration can name programs (fsmonitor,
// external diff, textconv, filters, a transport for a lazy fetch): every call turns those off
// (see SAFE_CONFIG), and the environment drops every GIT_* variable that could redirect git.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Options that stop git from running a program the repository's configuration names. */
const SAFE_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.untrackedCache=false',
  '-c',
  'diff.external=',
  '-c',
  'protocol.allow=never',
  '-c',
  'core.pager=cat',
  '-c',
  'core.quotePath=false',
  '--no-pager',
  '--literal-pathspecs',
  '--no-replace-objects',
];

/** The environment git runs in: the caller's, without GIT_* overrides, never prompting or taking locks. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!k.toUpperCase().startsWith('GIT_')) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_NO_LAZY_FETCH = '1';
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.LC_ALL = 'C';
  return env;
}

export interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Git processes started by this process (the bench reports them per cite). */
export const gitStats = { processes: 0 };

/** Largest output read from one git command (a diff of a huge file is cut off, and said to be). */
const MAX_OUTPUT = 64 * 1024 * 1024;

export class GitError extends Error {}

/** A hex object name as git prints it (or a prefix of one, as a snapshot writes it). */
export const HEX = /^[0-9a-f]{4,64}$/;

/** Whether a repository path can be named to git as it is (no option, no climbing, no control character). */
export function isPlainRepoPath(p: string): boolean {
  if (!p || p.startsWith('-') || p.startsWith('/') || p.startsWith(':')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return false;
  return !p.split('/').some((s) => s === '' || s === '.' || s === '..');
}

/** Runs `git <args>` in `cwd`; resolves with its exit code and output (never throws for a non-zero exit). */
export function runGit(cwd: string, args: string[], signal?: AbortSignal): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    gitStats.processes++;
    const child = spawn('git', [...SAFE_CONFIG, ...args], { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], signal });
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size <= MAX_OUTPUT) out.push(b);
      else child.kill();
    });
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 4096) err += b.toString('utf8');
    });
    child.on('error', (e) =>
      reject((e as NodeJS.ErrnoException).code === 'ENOENT' ? new GitError('git is not installed (not on PATH)') : e),
    );
    child.on('close', (code) => resolve({ code: size > MAX_OUTPUT ? -1 : (code ?? -1), stdout: Buffer.concat(out), stderr: err.trim() }));
  });
}

/** How long an unused cat-file process is kept. */
const IDLE_MS = 3000;

/** One object read by cat-file: its name, type and content, or missing. */
export type CatObject = { oid: string; type: string; data: Buffer } | undefined;

interface Pending {
  resolve: (o: CatObject) => void;
  reject: (e: Error) => void;
}

/**
 * One long-lived `git cat-file --batch` (without --filters: no filter program runs): requests go
 * in a line each, answers come back in order. A request is `<full hex>:<plain path>` or
 * `<hex>^{commit}`, checked by the caller; anything else is refused here too.
 */
export class CatFile {
  private child?: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buf: Buffer = Buffer.alloc(0);
  private idle?: NodeJS.Timeout;

  constructor(private readonly cwd: string) {}

  read(spec: string): Promise<CatObject> {
    if (/[\n\r]/.test(spec) || spec.startsWith('-')) return Promise.reject(new GitError(`refused object name ${JSON.stringify(spec)}`));
    const child = this.start();
    clearTimeout(this.idle);
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      child.stdin.write(spec + '\n');
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    gitStats.processes++;
    const child = spawn('git', [...SAFE_CONFIG, 'cat-file', '--batch'], { cwd: this.cwd, env: gitEnv(), stdio: 'pipe' });
    child.stdout.on('data', (b: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, b]) : b;
      this.drain();
    });
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    // The requests waiting fail; the next read starts a new process (git dies on an object a
    // partial clone lacks, and one such object must not fail every later cite).
    const fail = (e: Error) => {
      for (const p of this.queue.splice(0)) p.reject(e);
      this.buf = Buffer.alloc(0);
      if (this.child === child) this.child = undefined;
    };
    child.on('error', (e) => fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? new GitError('git is not installed (not on PATH)') : e));
    child.on('close', (code) => fail(new GitError(`git cat-file stopped (exit ${code})`)));
    this.child = child;
    return child;
  }

  /** Answers every complete response in the buffer. */
  private drain(): void {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl < 0) return;
      const header = this.buf.subarray(0, nl).toString('utf8');
      const parts = header.split(' ');
      if (parts[parts.length - 1] === 'missing' || parts[parts.length - 1] === 'ambiguous') {
        this.buf = this.buf.subarray(nl + 1);
        this.queue.shift()?.resolve(undefined);
        this.whenIdle();
        continue;
      }
      const size = Number(parts[2]);
      if (this.buf.length < nl + 1 + size + 1) return;
      const data = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
      this.buf = this.buf.subarray(nl + 1 + size + 1);
      this.queue.shift()?.resolve({ oid: parts[0], type: parts[1], data });
      this.whenIdle();
    }
  }

  /** A process nobody asks anything for a while is ended (a caller that never closes still lets node exit). */
  private whenIdle(): void {
    if (this.queue.length) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.close(), IDLE_MS);
    this.idle.unref();
  }

  /** Ends the process (the next read starts another). */
  close(): void {
    clearTimeout(this.idle);
    this.child?.stdin.end();
    this.child = undefined;
  }
}
