// The workspace index, run in the background: built once the client is ready, brought up to
// date after file events (the service's `invalidate` touches it), in 4 ms slices so typing and
// requests go first. A workspace-symbol query waits for the first build, never for later ones.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type SnapshotService, runSliced } from '../service/index';
import type { Folders } from './folders';
import type { SettingsStore } from './settings';

export interface IndexRunnerDeps {
  service: SnapshotService;
  folders: Folders;
  settings: SettingsStore;
  log: (m: string) => void;
}

/** File events come in bursts (a checkout, a rename of a folder): wait for the burst to end. */
const SETTLE_MS = 150;

export class IndexRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  private readonly updated: (() => void)[] = [];
  private firstBuild: Promise<void>;
  private builtFirst!: () => void;

  constructor(private readonly d: IndexRunnerDeps) {
    this.firstBuild = new Promise((r) => (this.builtFirst = r));
    d.service.index.onWork = () => {
      if (this.started) this.schedule(SETTLE_MS);
    };
  }

  /** Calls `fn` after each update of the index (what is told from it is published again: candidates across snapshots, the Snapshots view). */
  whenUpdated(fn: () => void): void {
    this.updated.push(fn);
  }

  /** The client is ready (settings can be asked for): build the index. */
  start(): void {
    this.started = true;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private async run(): Promise<void> {
    // One update at a time; work that arrives meanwhile is picked up by the loop below.
    if (this.running) return this.running;
    this.running = this.work().catch((e) => this.d.log(`workspace index: ${(e as Error).stack ?? e}`));
    await this.running;
    this.running = undefined;
    this.builtFirst();
    for (const fn of this.updated) fn();
  }

  private async work(): Promise<void> {
    const t0 = performance.now();
    await this.refreshFolders();
    const index = this.d.service.index;
    while (index.hasWork) await runSliced(index.updateSteps(), () => false);
    const ms = performance.now() - t0;
    if (ms > 500) this.d.log(`workspace index: ${index.size} files in ${ms.toFixed(0)} ms`);
  }

  /**
   * The folders and the settings that say what to index in each (asked anew: they may have
   * changed): the folder's configuration file over the editor settings, so the index takes as
   * snapshots and templates what a check (and the CLI) does.
   */
  private async refreshFolders(): Promise<void> {
    const roots = this.d.folders.roots();
    const folders = await Promise.all(
      roots.map(async (root) => {
        const editor = await this.d.settings.get(pathToFileURL(root).toString());
        // The folder's configuration file over the editor settings, as a check of a file at its top has them.
        const s = this.d.service.settingsFor(root, path.join(root, 'index.md'), editor);
        return { root, files: s.files, pendingDirectory: s.pending.directory, templates: s.templates, ignores: s.ignores };
      }),
    );
    this.d.service.index.setFolders(folders);
  }

  /** Resolves once the first build is done (at once when the runner never started: tests, the CLI). */
  async ready(): Promise<void> {
    if (!this.started) return;
    await this.firstBuild;
  }
}
