// What the MCP server's tools do, without the protocol: the same code as the CLI's commands
// (validate, --fix, explain, new, to-pending), on files inside the one root, returning values
// instead of printing (standard output is the protocol's). Every file is read through the
// guarded read and written through the guarded write, in the root. Nothing here runs a gate.
import * as path from 'node:path';
import { readRuleDoc, ruleDocUrl } from '../node/ruleDocs';
import { safeReadBytes, safeUpdateText } from '../node/safeFs';
import {
  todayIso,
  DEFAULTS,
  PLACEHOLDER,
  type SnapshotCore,
  decodeText,
  counts,
  pendingPath,
  type PendingFormat,
  type Finding,
  ALL_RULES,
  type SnapshotSettings,
  choosePendingFormat,
  isFresh,
} from '../service/core';
import { CliSettings, type ConfigChoice } from '../cli/config';
import { cliService, MAX_SNAPSHOT_BYTES } from '../cli/context';
import { suggestions } from '../cli/explain';
import { fixUntilStable, writeFixed, type Checked as CheckResult } from '../cli/fix';
import { jsonRun } from '../cli/formats/json';
import { headRevision } from '../cli/new';
import type { FileReport } from '../cli/output';
import { promptCheck } from '../cli/prompts';
import { CrossPass } from '../cli/crossPass';
import { writePending } from '../cli/toPending';
import { citesNotOff, freshnessFileJson } from '../cli/freshness';
import { closeGitRepos } from '../node/gitRepo';
import { freshnessOf } from '../node/freshnessRun';
import { insidePath, PathRefused, selectFiles, type Named } from './paths';

/** What a tool call is given: the root (a real path) and the configuration choice of the server. */
export interface McpContext {
  root: string;
  choice: ConfigChoice;
}

/** A tool's answer: the structured value (also sent as JSON text), or a refusal in words. */
export type ToolAnswer<T> = { ok: true; value: T; summary: string } | { ok: false; message: string };

function refused<T>(message: string): ToolAnswer<T> {
  return { ok: false, message };
}

/**
 * A fresh service and settings for each call: an agent edits files between calls, and nothing
 * read for an earlier call may stand for them. A configuration file with problems stops the call.
 */
function session(ctx: McpContext): {
  service: SnapshotCore;
  settings: (abs: string) => SnapshotSettings;
  broken: () => string | undefined;
} {
  const service = cliService();
  const cfg = new CliSettings(service, ctx.choice, () => {});
  return {
    service,
    settings: (abs) => cfg.for(ctx.root, abs),
    broken: () => (cfg.broken ? `the configuration file has problems (${cfg.problems.join('; ')}); fix it first` : undefined),
  };
}

/** One file's text through the guarded read, or why not (never where a link led). */
function readInside(root: string, f: Named): { text: string; bom: boolean } | { finding: Finding } | { refusal: string } {
  const r = safeReadBytes(root, f.abs, MAX_SNAPSHOT_BYTES);
  if (!r.ok) {
    if (r.reason === 'outside') return { refusal: `${JSON.stringify(f.rel)} is not a path inside the repository` };
    return {
      refusal: `${f.rel}: cannot read: ${r.reason === 'too-large' ? 'it is too large' : r.reason === 'missing' ? 'no such file' : 'not a readable file'}`,
    };
  }
  const d = decodeText(r.bytes);
  return 'text' in d ? { text: d.text, bom: r.bytes[0] === 0xef && r.bytes[1] === 0xbb && r.bytes[2] === 0xbf } : d;
}

interface Target extends Named {
  text: string;
  bom: boolean;
  template: boolean;
  /** A review prompt (checked against the contract's words), not a snapshot. */
  prompt?: boolean;
  check: (text: string) => CheckResult;
}

/** The snapshots among the named files (as the CLI decides: ignored, not a snapshot, snapshot, template). */
function targets(
  ctx: McpContext,
  paths: readonly string[] | undefined,
): { list: Target[]; reports: FileReport[]; truncated: boolean; s: ReturnType<typeof session> } {
  const s = session(ctx);
  const sel = selectFiles(ctx.root, paths);
  const today = todayIso();
  const list: Target[] = [];
  const reports: FileReport[] = [];
  for (const f of sel.files) {
    const read = readInside(ctx.root, f);
    if ('refusal' in read) throw new PathRefused(read.refusal);
    if ('finding' in read) {
      reports.push({ file: f.rel, findings: [read.finding] });
      continue;
    }
    const settings = s.settings(f.abs);
    const prompt = promptCheck(s.service, ctx.root, f.rel, read.text, settings);
    if (prompt) {
      list.push({ ...f, ...read, template: false, prompt: true, check: prompt });
      continue;
    }
    const role = s.service.classify(f.rel, read.text, settings, { explicit: f.explicit });
    if (role === 'ignored' || role === 'other') continue;
    const template = role === 'template';
    const check = (text: string) => s.service.check({ text, root: ctx.root, template }, settings, { links: true, today });
    list.push({ ...f, ...read, template, check });
  }
  return { list, reports, truncated: sel.truncated, s };
}

/** The findings beyond which a result is cut (each file keeps its counts; `truncated` says so). */
export const MAX_FINDINGS = 2000;

function report(t: Target, result: CheckResult, fixed?: Finding[]): FileReport {
  return {
    file: t.rel,
    findings: result.findings,
    ...(t.template ? { template: true } : {}),
    ...(t.prompt ? { prompt: true } : {}),
    ...(fixed ? { fixed } : {}),
    ...(result.failures.length ? { unchecked: true } : {}),
  };
}

export type RunJson = ReturnType<typeof jsonRun> & { truncated?: boolean };

/** The `--format json` value of some reports, cut at MAX_FINDINGS findings. */
function runJson(reports: FileReport[], truncatedFiles: boolean, brokenConfig: boolean): RunJson {
  const c = counts(reports.flatMap((r) => r.findings));
  const unchecked = reports.filter((r) => r.unchecked).length;
  const code = unchecked || brokenConfig ? 2 : c.errors > 0 ? 1 : 0;
  let left = MAX_FINDINGS;
  let cut = truncatedFiles;
  const kept = reports.map((r) => {
    const findings = r.findings.slice(0, Math.max(left, 0));
    left -= r.findings.length;
    if (findings.length < r.findings.length) cut = true;
    return { ...r, findings };
  });
  const out: RunJson = jsonRun({ files: kept, errors: c.errors, warnings: c.warnings, strict: false, unchecked, code });
  return cut ? { ...out, truncated: true } : out;
}

function summaryOf(v: RunJson, verb = 'checked'): string {
  const n = v.files.length;
  const verdict = v.ok ? 'all conform' : v.unchecked ? `${v.unchecked} could not be checked` : 'problems remain';
  return `${n} snapshot${n === 1 ? '' : 's'} ${verb}: ${v.errors} error${v.errors === 1 ? '' : 's'}, ${v.warnings} warning${v.warnings === 1 ? '' : 's'}; ${verdict}${v.truncated ? ' (result cut: name fewer files)' : ''}`;
}

/** Runs a tool body; a refused path (or anything else that goes wrong) is a refusal in words, never a stack. */
function guarded<T>(body: () => ToolAnswer<T>): ToolAnswer<T> {
  try {
    return body();
  } catch (e) {
    if (e instanceof PathRefused) return refused(e.message);
    return refused(`internal error: ${e instanceof Error ? e.name : 'unknown'}`);
  }
}

async function guardedAsync<T>(body: () => Promise<ToolAnswer<T>>): Promise<ToolAnswer<T>> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof PathRefused) return refused(e.message);
    return refused(`internal error: ${e instanceof Error ? e.name : 'unknown'}`);
  }
}

/** validate_snapshots: the findings of the snapshots the paths name (default: every snapshot of the repository). */
export function validateSnapshots(ctx: McpContext, paths?: readonly string[]): ToolAnswer<RunJson> {
  return guarded(() => {
    const { list, reports, truncated, s } = targets(ctx, paths);
    const broken = s.broken();
    if (broken) return refused(broken);
    if (!list.length && !reports.length) return refused('no review snapshots found in the paths given');
    // Candidates across the snapshots named, as the CLI's validate adds them among those of its run.
    const cross = new CrossPass();
    for (const t of list) {
      const result = t.check(t.text);
      const r = report(t, result);
      cross.add(r, ctx.root, t.abs, result);
      reports.push(r);
    }
    cross.finish();
    const value = runJson(reports, truncated, false);
    return { ok: true, value, summary: summaryOf(value) };
  });
}

/** fix_snapshots: the safe fixes applied (the CLI's --fix), each file replaced through the guarded write; what remains. */
export function fixSnapshots(ctx: McpContext, paths?: readonly string[]): Promise<ToolAnswer<RunJson & { written: string[] }>> {
  return guardedAsync(async () => {
    const { list, reports, truncated, s } = targets(ctx, paths);
    const broken = s.broken();
    if (broken) return refused(broken);
    if (!list.length && !reports.length) return refused('no review snapshots found in the paths given');
    const written: string[] = [];
    for (const t of list) {
      const out = fixUntilStable(t.text, t.check);
      if (out.text === t.text) {
        reports.push(report(t, out.result, []));
        continue;
      }
      const why = await writeFixed(t.abs, ctx.root, t.text, out.text, t.bom);
      if (why) reports.push({ ...report(t, t.check(t.text), []), unchecked: true });
      else {
        written.push(t.rel);
        reports.push(report(t, out.result, out.fixed));
      }
    }
    const value = { ...runJson(reports, truncated, false), written };
    return { ok: true, value, summary: summaryOf(value, `fixed (${written.length} written)`) };
  });
}

export interface RuleExplained {
  rule: string;
  url?: string;
  page: string;
}

/** explain_rule: a rule's page (only ids the engine declares are looked up). */
export function explainRule(rule: string): ToolAnswer<RuleExplained> {
  if (!ALL_RULES.has(rule)) {
    const near = suggestions(rule);
    return refused(`unknown rule ${JSON.stringify(rule)}${near.length ? `; did you mean ${near.join(' or ')}?` : ''}`);
  }
  const page = readRuleDoc(rule);
  if (page === undefined) return refused(`the page of ${rule} is missing from the installation`);
  const url = ruleDocUrl(rule);
  return { ok: true, value: { rule, page, ...(url ? { url } : {}) }, summary: page };
}

export interface NewSnapshotInput {
  path: string;
  prompt?: string;
  model?: string;
  date?: string;
  force?: boolean;
}

/** The text `new` writes for a file of the root (the repository's template and schema when it has them). */
export function newSnapshotText(
  ctx: McpContext,
  abs: string,
  input: Omit<NewSnapshotInput, 'path' | 'force'>,
): string | { refusal: string } {
  const s = session(ctx);
  const settings = s.settings(abs);
  const broken = s.broken();
  if (broken) return { refusal: broken };
  const rev = headRevision(ctx.root);
  return s.service.newSnapshot(ctx.root, settings, {
    date: input.date ?? todayIso(),
    model: input.model,
    prompt: input.prompt ?? PLACEHOLDER,
    promptRevision: rev,
    repoRevision: rev,
  });
}

/** new_snapshot: a new snapshot written at an explicit path inside the root (never over a file without `force`). */
export function newSnapshot(ctx: McpContext, input: NewSnapshotInput): ToolAnswer<{ path: string; created: boolean }> {
  return guarded(() => {
    const { abs, rel } = insidePath(ctx.root, input.path);
    if (!rel.toLowerCase().endsWith('.md')) return refused(`${rel}: a snapshot is a Markdown file (.md)`);
    if (input.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) {
      return refused(`date must be YYYY-MM-DD, not ${JSON.stringify(input.date)}`);
    }
    const text = newSnapshotText(ctx, abs, input);
    if (typeof text !== 'string') return refused(text.refusal);
    const r = safeUpdateText(ctx.root, abs, {
      maxBytes: MAX_SNAPSHOT_BYTES,
      update: (current) => (current !== undefined && !input.force ? { refuse: `${rel}: exists; pass force to replace it` } : { text }),
    });
    if (!r.ok) {
      return refused(`nothing written: ${r.reason.startsWith(rel) ? r.reason : 'the place is not writable inside the repository'}`);
    }
    return {
      ok: true,
      value: { path: rel, created: r.created },
      summary: `${rel}: new snapshot written; fill in its TODOs, then validate it`,
    };
  });
}

export interface PendingInput {
  path: string;
  format?: PendingFormat;
  force?: boolean;
}

/**
 * One snapshot a tool is given by path: read through the guarded read, with its settings (read
 * first: they are what tells whether the configuration file is broken), or why not.
 */
function oneSnapshot(
  ctx: McpContext,
  given: string,
): { abs: string; rel: string; read: { text: string }; s: ReturnType<typeof session>; settings: SnapshotSettings } | { refusal: string } {
  const { abs, rel } = insidePath(ctx.root, given);
  const read = readInside(ctx.root, { abs, rel, explicit: true });
  if ('refusal' in read) return read;
  if ('finding' in read) return { refusal: `${rel}: ${read.finding.message}` };
  const s = session(ctx);
  const settings = s.settings(abs);
  const broken = s.broken();
  return broken ? { refusal: broken } : { abs, rel, read, s, settings };
}

/** convert_to_pending: a valid snapshot's candidates into the pending spec (in the repository's pending folder). */
export function convertToPendingSpec(
  ctx: McpContext,
  input: PendingInput,
): ToolAnswer<{ path: string; candidates: string[]; format: PendingFormat }> {
  return guarded(() => {
    const one = oneSnapshot(ctx, input.path);
    if ('refusal' in one) return refused(one.refusal);
    const { abs, rel, read, s, settings } = one;
    const result = s.service.check({ text: read.text, root: ctx.root }, settings, { links: false });
    if (result.failures.length) return refused(`${rel}: the check could not run to its end; nothing written`);
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      return refused(
        `${rel}: ${errors.length} contract error${errors.length === 1 ? '' : 's'}; nothing written (validate and fix the snapshot first)`,
      );
    }
    // As to-pending chooses: asked, else the form of the pending spec the repository already has.
    const directory = settings.pending.directory || DEFAULTS.pendingDirectory;
    const { format, why } = choosePendingFormat({
      workspace: s.service.workspace,
      root: ctx.root,
      snapshot: abs,
      directory,
      configured: settings.pending.format,
      explicit: input.format,
    });
    const outRel = pendingPath(rel, directory, format);
    const out = path.join(ctx.root, ...outRel.split('/'));
    const w = writePending({ scope: ctx.root, out, shown: outRel, result, rel, format, force: input.force === true });
    if (!w.ok) {
      return refused(
        w.refused
          ? w.reason.replace('use --force', 'pass force')
          : 'nothing written: the pending folder is not writable inside the repository',
      );
    }
    return {
      ok: true,
      value: { path: outRel, candidates: w.ids, format },
      summary: `${outRel}: ${w.ids.length} candidate${w.ids.length === 1 ? '' : 's'} written (${format}: ${why})`,
    };
  });
}

/** check_freshness: where each File:Line cite of one snapshot points now (one file of `review-snapshot freshness --format json`). */
export function checkFreshnessOf(ctx: McpContext, given: string): Promise<ToolAnswer<ReturnType<typeof freshnessFileJson>>> {
  return guardedAsync(async () => {
    const one = oneSnapshot(ctx, given);
    if ('refusal' in one) return refused(one.refusal);
    const { abs, rel, read, s, settings } = one;
    try {
      const checked = await freshnessOf({ root: ctx.root, abs, text: read.text, file: rel, service: s.service, settings });
      if (checked.error) return refused(`${rel}: ${checked.error}`);
      const value = freshnessFileJson({ ...checked, cites: citesNotOff(checked.cites, settings.rules) });
      const stale = value.cites.filter((c) => !isFresh(c.status)).length;
      return { ok: true, value, summary: `${rel}: ${value.cites.length} cites, ${stale} not unchanged or moved` };
    } finally {
      closeGitRepos();
    }
  });
}
