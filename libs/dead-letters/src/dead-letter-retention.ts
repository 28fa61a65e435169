import { Logger } from '@nestjs/common';

const CHUNK = 5_000;

/** How long settled dead letters are kept; shared by both kinds' module options. */
export interface DeadLetterRetentionOptions {
  /**
   * Settled dead letters (requeued or discarded) are deleted this long after they were
   * settled; 0 or unset: kept forever (the default). Parked ones are never deleted.
   */
  retentionMs?: number;
  /** Time between two cleanups (the first runs at start); default 10 minutes. */
  cleanupIntervalMs?: number;
}

/**
 * Deletes settled dead letters of one kind past the retention, 5,000 per statement, at start
 * and then every `cleanupIntervalMs`. Without a retention it never runs.
 */
export class DeadLetterRetention {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly what: string,
    private readonly options: DeadLetterRetentionOptions,
    /** Deletes up to `chunk` settled rows older than `retentionMs`; returns how many. */
    private readonly deleteSettled: (retentionMs: number, chunk: number) => Promise<number>,
  ) {
    this.logger = new Logger(`DeadLetterRetention:${what}`);
  }

  start(): void {
    if (!this.options.retentionMs) return;
    this.logger.log(`deleting settled ${this.what} ${this.options.retentionMs} ms after settling`);
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.options.cleanupIntervalMs ?? 600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many rows were deleted; a failure is logged and tried again next time. */
  runOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<number> {
    const retentionMs = this.options.retentionMs ?? 0;
    if (retentionMs <= 0) return 0;
    let total = 0;
    try {
      for (;;) {
        const deleted = await this.deleteSettled(retentionMs, CHUNK);
        total += deleted;
        if (deleted < CHUNK) break;
      }
      if (total > 0) this.logger.log(`deleted ${total} settled ${this.what}`);
    } catch (err) {
      this.logger.warn(`${this.what} cleanup failed: ${String(err)}`);
    }
    return total;
  }
}
