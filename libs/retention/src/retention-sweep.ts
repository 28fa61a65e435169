import { Logger } from '@nestjs/common';

/** Deletes up to `chunk` rows older than `retentionMs`; returns how many it deleted. */
export type DeleteChunk = (retentionMs: number, chunk: number) => Promise<number>;

export interface RetentionSweepOptions {
  /** What the rows are, for the log lines, e.g. `audit rows`. */
  what: string;
  /** Rows older than this are deleted; 0 or unset: none ever is (the sweep never starts). */
  retentionMs?: number;
  /** Time between two sweeps; default 10 minutes. */
  intervalMs?: number;
  /** Sweep once at start as well (default true). */
  atStart?: boolean;
  /** Rows per statement (default 5,000), so no sweep holds long locks or a long transaction. */
  chunk?: number;
}

const DEFAULT_INTERVAL_MS = 10 * 60_000;
const DEFAULT_CHUNK = 5_000;

/**
 * One retention loop for every table that forgets old rows (inbox entries, audit rows, settled
 * dead letters): a chunked delete repeated until a chunk comes back short, at start and then on
 * an interval, never two sweeps at once, and a failure logged and tried again next time.
 */
export class RetentionSweep {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly options: RetentionSweepOptions,
    private readonly deleteChunk: DeleteChunk,
    context = `Retention:${options.what}`,
  ) {
    this.logger = new Logger(context);
  }

  get retentionMs(): number {
    return this.options.retentionMs ?? 0;
  }

  start(): void {
    if (this.retentionMs <= 0) return;
    this.logger.log(`deleting ${this.options.what} older than ${this.retentionMs} ms`);
    if (this.options.atStart ?? true) void this.runOnce();
    const interval = this.options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.timer = setInterval(() => void this.runOnce(), interval);
    this.timer.unref();
  }

  /** Stops the interval and waits for a sweep in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Returns how many rows were deleted; a failure is logged and tried again next time. */
  runOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<number> {
    if (this.retentionMs <= 0) return 0;
    const chunk = this.options.chunk ?? DEFAULT_CHUNK;
    let total = 0;
    try {
      for (;;) {
        const deleted = await this.deleteChunk(this.retentionMs, chunk);
        total += deleted;
        if (deleted < chunk) break;
      }
      if (total > 0) this.logger.log(`deleted ${total} ${this.options.what} past their retention`);
    } catch (err) {
      this.logger.warn(`${this.options.what} cleanup failed: ${String(err)}`);
    }
    return total;
  }
}
