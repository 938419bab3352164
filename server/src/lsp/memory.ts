// A validation of a big document leaves tens of megabytes of garbage that V8 keeps resident until
// its next major collection, which an idle server may never reach. Once the server has been idle
// for a moment after such a run, it collects (when started with --expose-gc, as the client starts
// it), so memory follows what is open, not what was once parsed.

const COMPACT_AFTER_CHARS = 256 * 1024;
const COMPACT_IDLE_MS = 1500;

export class IdleCompactor {
  private timer: NodeJS.Timeout | undefined;
  private lastActivity = 0;
  /** Checks in flight. */
  running = 0;
  private readonly gc = (globalThis as { gc?: () => void }).gc;

  constructor(
    private readonly log: (m: string) => void,
    /** Whether runs are scheduled (a pending run is activity too). */
    private readonly scheduled: () => boolean,
  ) {}

  touch(): void {
    this.lastActivity = performance.now();
  }

  /** After a document of `size` chars was checked or closed: collect once things are quiet. */
  afterWork(size: number): void {
    if (!this.gc || size < COMPACT_AFTER_CHARS || this.timer) return;
    this.wait(COMPACT_IDLE_MS);
  }

  private wait(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  private check(): void {
    const quietFor = performance.now() - this.lastActivity;
    if (this.running > 0 || this.scheduled() || quietFor < COMPACT_IDLE_MS) {
      this.wait(Math.max(50, COMPACT_IDLE_MS - quietFor));
      return;
    }
    this.timer = undefined;
    const t0 = performance.now();
    this.gc!();
    const m = process.memoryUsage();
    const mb = (n: number) => (n / 2 ** 20).toFixed(0);
    this.log(
      `idle: collected in ${(performance.now() - t0).toFixed(0)} ms; heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB, resident ${mb(m.rss)} MB`,
    );
  }
}
