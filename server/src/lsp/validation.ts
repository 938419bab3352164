// Checking open documents: debounced per document, sliced so requests are answered in between,
// dropped as soon as a newer version makes a run stale, and published (diagnostics and the
// status the client shows) only for the version they were computed from.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { StatusNotification, TimingNotification } from '../protocol';
import { counts, type CheckResult, publishedDiagnostics, toDiagnostic, type RuleDocUrl, type SnapshotService } from '../service/index';
import { allFindings } from './crossSnapshot';
import type { Checker } from './checker';
import type { Folders } from './folders';
import { IdleCompactor } from './memory';
import type { Prompts } from './prompts';
import type { SettingsStore } from './settings';
import type { FreshnessRunner } from './freshness';

/** How long the server waits for a pause in typing before checking a document of `size` chars
 * it has not checked yet (a document's first check after opening is at once). */
export function debounceMs(size: number): number {
  return size < 64 * 1024 ? 50 : size < 1024 * 1024 ? 150 : 300;
}

/** The pause after an edit, in times what the document's last check cost, and its bounds. */
export const DEBOUNCE = { factor: 2, minMs: 15, maxMs: 300 };

/**
 * How long the server waits for a pause in typing before checking a document again: a few times
 * what its last check cost (an edit an incremental check handles in 3 ms waits 15 ms, however
 * big the file; a costly full check waits longer, so typing is not checked keystroke by
 * keystroke), bounded; by its size while no check of it has been measured.
 */
export function adaptiveDebounceMs(lastCheckMs: number | undefined, size: number): number {
  if (lastCheckMs === undefined) return debounceMs(size);
  return Math.round(Math.min(DEBOUNCE.maxMs, Math.max(DEBOUNCE.minMs, DEBOUNCE.factor * lastCheckMs)));
}

/** What is known of a document's version: its check (for a snapshot) and whether it was published. */
export interface DocState {
  version: number;
  result?: CheckResult;
  snapshot: boolean;
  published: boolean;
}

export interface ValidatorDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: SnapshotService;
  folders: Folders;
  settings: SettingsStore;
  checker: Checker;
  log: (m: string) => void;
  /** Where a rule's page is (diagnostics link their code to it). */
  ruleDocUrl?: RuleDocUrl;
  /** Review prompts: checked when a document is no snapshot. */
  prompts?: Prompts;
  /** Finding freshness, worked out after each publication (its diagnostics join the check's). */
  freshness?: FreshnessRunner;
}

export class Validator {
  private readonly states = new Map<string, DocState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each document's pending run was scheduled, and the pause chosen (for the timing report). */
  private readonly scheduledAt = new Map<string, number>();
  private readonly debounces = new Map<string, number>();
  /** What each document's last check cost, in ms: the next pause is worked out from it. */
  private readonly costs = new Map<string, number>();
  /**
   * The check of each document's latest version, shared: after a keystroke the editor asks for
   * completion, symbols, folding, lenses and highlights at once, and each would otherwise check
   * the same version again. Forgotten when settings or files change (revalidateAll).
   */
  private readonly runs = new Map<string, { version: number; run: Promise<{ result?: CheckResult; snapshot: boolean }> }>();
  private readonly memory: IdleCompactor;
  reportTiming = false;

  constructor(private readonly d: ValidatorDeps) {
    this.memory = new IdleCompactor(d.log, () => this.timers.size > 0);
  }

  /** A change (or an open): check soon, or at once for a document seen for the first time. */
  changed(doc: TextDocument): void {
    // An edit makes the freshness being worked out stale (its cites' places may have moved).
    this.d.freshness?.cancel(doc.uri);
    this.schedule(doc, !this.states.has(doc.uri) && !this.timers.has(doc.uri));
  }

  schedule(doc: TextDocument, immediate = false): void {
    const prev = this.timers.get(doc.uri);
    if (prev) clearTimeout(prev);
    this.memory.touch();
    this.scheduledAt.set(doc.uri, performance.now());
    const run = () => {
      this.timers.delete(doc.uri);
      void this.validate(doc.uri).catch((e) => this.d.log(`validation of ${doc.uri} failed: ${(e as Error).stack ?? e}`));
    };
    const delay = immediate ? 0 : adaptiveDebounceMs(this.costs.get(doc.uri), doc.getText().length);
    this.debounces.set(doc.uri, delay);
    if (immediate) run();
    else this.timers.set(doc.uri, setTimeout(run, delay));
  }

  revalidateAll(): void {
    this.runs.clear();
    for (const doc of this.d.documents.all()) this.schedule(doc);
  }

  closed(doc: TextDocument): void {
    this.memory.afterWork(doc.getText().length);
    const t = this.timers.get(doc.uri);
    if (t) clearTimeout(t);
    this.timers.delete(doc.uri);
    this.scheduledAt.delete(doc.uri);
    this.debounces.delete(doc.uri);
    this.costs.delete(doc.uri);
    this.states.delete(doc.uri);
    this.runs.delete(doc.uri);
    this.d.service.forget(doc.uri);
    this.d.freshness?.closed(doc.uri);
    // A file the workspace check reported on keeps its diagnostics: they are the saved file's.
    if (this.d.checker.covers(doc.uri)) void this.d.checker.recheck(doc.uri);
    else void this.d.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
  }

  /** Checks a document's current version once, however many ask (see `runs`). */
  private analyse(doc: TextDocument): Promise<{ result?: CheckResult; snapshot: boolean }> {
    const hit = this.runs.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.run;
    const run = this.analyseNow(doc);
    this.runs.set(doc.uri, { version: doc.version, run });
    return run;
  }

  /** The check of a document's current version: a snapshot or template, or `snapshot: false` (ignored files too). */
  private async analyseNow(doc: TextDocument): Promise<{ result?: CheckResult; snapshot: boolean }> {
    const version = doc.version;
    // A newer version, or a closed document, makes this run stale: it stops at the next slice.
    return this.d.checker.check(doc.uri, doc.getText(), () => this.d.documents.get(doc.uri)?.version !== version, true);
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.d.documents.get(uri);
    if (!doc) return;
    const t0 = performance.now();
    const version = doc.version;
    this.memory.running++;
    let analysis: Awaited<ReturnType<Validator['analyse']>>;
    try {
      analysis = await this.analyse(doc);
    } finally {
      this.memory.running--;
      this.memory.touch();
    }
    if (this.d.documents.get(uri)?.version !== version) return;
    if (!analysis.snapshot) return this.notSnapshotOrPrompt(doc, version);
    if (!analysis.result) return; // cancelled by a newer version
    this.states.set(uri, { version, result: analysis.result, snapshot: true, published: true });
    this.memory.afterWork(doc.getText().length);
    this.publish(uri, version, analysis.result);
    this.reportTime(uri, version, t0, doc.getText().length);
    if (this.d.freshness) void this.startFreshness(uri, version, analysis.result);
  }

  /** Finding freshness of the version just published, in the background. */
  private async startFreshness(uri: string, version: number, result: CheckResult): Promise<void> {
    const settings = await this.d.checker.settingsFor(uri);
    if (this.d.documents.get(uri)?.version !== version) return;
    const root = this.d.folders.rootOf(uri);
    this.d.freshness?.start(uri, version, result, root, settings, this.d.folders.siblingsOf(root));
  }

  /** Publishes a version's diagnostics again (its freshness came in), if it is still the current one. */
  republish(uri: string, version: number): void {
    const s = this.states.get(uri);
    if (s?.result && s.version === version && this.d.documents.get(uri)?.version === version) this.publish(uri, version, s.result);
  }

  /** A document that is no snapshot: its prompt diagnostics when it is a review prompt, else none. */
  private async notSnapshotOrPrompt(doc: TextDocument, version: number): Promise<void> {
    const findings = await this.d.prompts?.findings(doc);
    if (this.d.documents.get(doc.uri)?.version !== version) return;
    if (!findings) return this.notSnapshot(doc.uri, version);
    this.states.set(doc.uri, { version, snapshot: false, published: true });
    const diagnostics = findings.map((f) => toDiagnostic(f, doc.uri, this.d.ruleDocUrl));
    void this.d.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  private notSnapshot(uri: string, version: number): void {
    const prev = this.states.get(uri);
    this.states.set(uri, { version, snapshot: false, published: false });
    if (prev?.published) void this.d.connection.sendDiagnostics({ uri, diagnostics: [] });
    if (prev?.snapshot) {
      void this.d.connection.sendNotification(StatusNotification, {
        uri,
        snapshot: false,
        template: false,
        schema: '',
        errors: 0,
        warnings: 0,
      });
    }
  }

  private publish(uri: string, version: number, result: CheckResult): void {
    // The status counts what is published (and what the CLI counts): the candidates across snapshots too.
    const findings = allFindings(uri, result, this.d.checker.cross);
    const diagnostics = publishedDiagnostics(findings, uri, this.d.ruleDocUrl);
    for (const f of this.d.freshness?.findings(uri, version) ?? []) diagnostics.push(toDiagnostic(f, uri, this.d.ruleDocUrl));
    void this.d.connection.sendDiagnostics({ uri, version, diagnostics });
    const c = counts(findings);
    void this.d.connection.sendNotification(StatusNotification, {
      uri,
      snapshot: true,
      template: result.template,
      schema: result.schema.source,
      errors: c.errors,
      warnings: c.warnings,
    });
  }

  private reportTime(uri: string, version: number, t0: number, size: number): void {
    const ms = performance.now() - t0;
    this.costs.set(uri, ms);
    if (this.reportTiming) {
      const m = process.memoryUsage();
      const waitedMs = t0 - (this.scheduledAt.get(uri) ?? t0);
      void this.d.connection.sendNotification(TimingNotification, {
        uri,
        version,
        waitedMs,
        debounceMs: this.debounces.get(uri) ?? 0,
        workMs: ms,
        heapUsedMb: m.heapUsed / 2 ** 20,
        rssMb: m.rss / 2 ** 20,
      });
    }
    if (ms > 100) this.d.log(`validated ${uri} (${size} chars) in ${ms.toFixed(0)} ms`);
  }

  /** The check of the document's current version if it is done (never starts one). */
  ready(uri: string): CheckResult | undefined {
    const doc = this.d.documents.get(uri);
    const s = this.states.get(uri);
    return doc && s && s.version === doc.version ? s.result : undefined;
  }

  /** The check of the document's current version, computing it now if it is not ready. */
  async current(uri: string): Promise<{ doc: TextDocument; state: DocState } | undefined> {
    const doc = this.d.documents.get(uri);
    if (!doc) return undefined;
    let state = this.states.get(uri);
    if (!state || state.version !== doc.version) {
      const r = await this.analyse(doc);
      state = { version: doc.version, result: r.result, snapshot: r.snapshot, published: state?.published ?? false };
    }
    return { doc, state };
  }
}
