// The built CLI as a process, as CI and a person run it.
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.join(process.cwd(), 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
  signal: NodeJS.Signals | null;
}

export function cli(args: string[], cwd: string, timeout = 20000, env: Record<string, string> = {}, input?: string | Buffer): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, ...env }, input });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** The CLI with `input` on its standard input (`-` on the command line reads it). */
export function cliStdin(args: string[], cwd: string, input: string | Buffer): CliRun {
  return cli(args, cwd, 20000, {}, input);
}

/** The same, without waiting: for runs that must overlap. */
export function cliAsync(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code, signal) => resolve({ code, out, err, signal }));
  });
}

/** A finding as `validate --format json` writes it (1-based lines and columns, end exclusive). */
export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** `validate --format json` on one file: its exit code and findings. */
export function jsonFindings(rel: string, cwd: string, args: string[] = []): { code: number | null; found: JsonFinding[] } {
  const r = cli(['validate', '--format', 'json', ...args, rel], cwd);
  return { code: r.code, found: (JSON.parse(r.out) as { files: { findings: JsonFinding[] }[] }).files[0].findings };
}
