// What the CLI prints. Messages and reports go through `writeOut`/`writeErr`, which show control,
// bidirectional and invisible characters as escapes (escapeTerminal): a snapshot or a file name
// can never put a terminal escape sequence, or a line of its own — a fake finding, a fake
// summary, a CI workflow command — into the output. A document the CLI prints as its output
// (`new`, `to-pending --out -`) is data, not a message: `writeDocument` writes it byte for byte.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isatty } from 'node:tty';
import { escapeTerminal, type Finding } from '../service/core';

export interface FileReport {
  /** The path as shown: relative to the current folder when inside it (not escaped: each format escapes for its sink). */
  file: string;
  /** Absolute path (for stdin: the --stdin-filename). */
  abs?: string;
  /** The repository root it was checked against. */
  root?: string;
  findings: Finding[];
  /** Checked as a template (the `templates` globs): placeholders accepted. */
  template?: boolean;
  /** A review prompt, checked against the contract's words (rules/prompt.ts). */
  prompt?: boolean;
  /** What --fix fixed (or --fix-dry-run would fix). */
  fixed?: Finding[];
  /** A rule could not run to its end: no verdict for this file. */
  unchecked?: boolean;
}

export function escapeLines(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

export function writeOut(text: string): void {
  toFd(1, escapeLines(text));
}

/**
 * Writes to standard output (1) or error (2) at once, through the descriptor: `process.stdout`
 * first builds a stream, a few milliseconds of a short run. A descriptor left non-blocking is
 * waited on when full, never dropped; a reader that went away (EPIPE) is an error, as before.
 */
function toFd(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length;) {
    try {
      off += fs.writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/**
 * A document printed as the command's output (`new` without `--out`, `to-pending --out -`): the
 * same bytes `--out FILE` would write, so `> file` and `--out file` give the same file — tabs,
 * joiners and all. Only when standard output is a terminal are controls shown as escapes (tabs
 * and line breaks kept): a terminal acts on an escape sequence, a file or a pipe does not.
 */
export function writeDocument(text: string): void {
  toFd(
    1,
    isatty(1)
      ? text
          .split(/(\r?\n|\t)/)
          .map((part, i) => (i % 2 ? part : escapeTerminal(part)))
          .join('')
      : text,
  );
}

export function writeErr(text: string): void {
  toErr(escapeLines(text));
}

/**
 * Standard error held back behind a place kept for what a file's write (still finishing) may
 * have to say: lines come out in the order they would without the wait. `undefined` is a place
 * still open, a string what it holds (empty: nothing).
 */
const held: (string | undefined)[] = [];
let heldFrom = 0;

function toErr(text: string): void {
  if (held.length) held.push(text);
  else toFd(2, text);
}

/** Keeps a place in standard error; what is written after it waits until `fill` is called. */
export function keepErrPlace(): (lines: string[]) => void {
  const at = heldFrom + held.length;
  held.push(undefined);
  return (lines) => {
    held[at - heldFrom] = lines.map((l) => escapeTerminal(l) + '\n').join('');
    let out = '';
    while (held.length && held[0] !== undefined) {
      out += held.shift()!;
      heldFrom++;
    }
    if (out) toFd(2, out);
  };
}

let checked = false;

/** A snapshot was checked in this run (see `checkedAny`). */
export function noteChecked(): void {
  checked = true;
}

/** Whether this run checked a snapshot: a run that did not (help, a usage error) compiled too little to cache. */
export function checkedAny(): boolean {
  return checked;
}

/** The current folder, asked once: the CLI never changes it. */
const CWD = process.cwd();

/**
 * One line for standard error, whatever its parts hold: a message or a file name with a line
 * break or an escape sequence stays on this one line, escaped (no injected workflow command, no
 * fake summary).
 */
export function errLine(text: string): void {
  toErr(escapeTerminal(text) + '\n');
}

/** One line for standard output (see errLine). */
export function outLine(text: string): void {
  toFd(1, escapeTerminal(text) + '\n');
}

/** A path as shown: relative to the current folder when inside it, else absolute; not escaped. */
export function displayPath(p: string): string {
  // Asked two or three times for each file of a run (path.relative is a good part of a short file's output).
  let shown = displayed.get(p);
  if (shown === undefined) {
    const abs = path.resolve(CWD, p);
    const rel = path.relative(CWD, abs);
    shown = rel && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel) ? rel : abs;
    if (displayed.size >= 4096) displayed.clear();
    displayed.set(p, shown);
  }
  return shown;
}
const displayed = new Map<string, string>();

/** A path as shown in a line of text: displayPath, escaped. */
export function shownPath(p: string): string {
  return escapeTerminal(displayPath(p));
}

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${escapeTerminal(r.file)}:${at}: ${f.severity} ${escapeTerminal(f.message)} [${f.rule}]`);
    }
  }
  return lines.join('\n');
}

/**
 * Characters that JSON may carry raw but a terminal must not show raw: written as `\uXXXX`. Exactly
 * the characters escapeTerminal changes that JSON.stringify leaves raw (DEL, C1, the soft hyphen,
 * bidi and invisible ones), so writeOut's escaping never touches JSON text (`\x7f` is no JSON).
 */
const RAW_IN_JSON = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/g;

/** JSON that stays valid and means the same, with no character a terminal would act on. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export { plural } from '../service/core';
