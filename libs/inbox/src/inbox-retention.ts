import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * Deletes inbox entries older than the retention, a chunk at a time. The inbox only has to
 * remember a message for as long as the broker may still redeliver it; past that, version checks
 * still stop an old snapshot from applying.
 */
export class InboxRetention {
  private readonly logger = new Logger(InboxRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: string,
    private readonly consumer: string,
    private readonly retentionMs: number,
    private readonly intervalMs = 10 * 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Returns how many entries were deleted. */
  async runOnce(chunk = 5_000): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const result: [unknown[], number] = await this.dataSource.query(
          `DELETE FROM "${this.table}" WHERE ctid IN (
             SELECT ctid FROM "${this.table}"
              WHERE "consumer" = $1 AND "received_at" < now() - ($2::bigint * interval '1 millisecond')
              LIMIT $3)`,
          [this.consumer, this.retentionMs, chunk],
        );
        total += result[1];
        if (result[1] < chunk) return total;
      }
    } catch (err) {
      this.logger.warn(`inbox cleanup failed: ${String(err)}`);
      return total;
    }
  }
}
