import type { DataSource } from 'typeorm';
import { RetentionSweep } from '@app/retention';

/**
 * Deletes inbox entries older than the retention, a chunk at a time, on an interval. The inbox
 * only has to remember a message for as long as the broker may still redeliver it; past that,
 * version checks still stop an old snapshot from applying.
 */
export class InboxRetention {
  private readonly sweep: RetentionSweep;

  constructor(
    dataSource: DataSource,
    table: string,
    consumer: string,
    retentionMs: number,
    intervalMs = 10 * 60_000,
  ) {
    this.sweep = new RetentionSweep(
      { what: `inbox entries of ${consumer}`, retentionMs, intervalMs, atStart: false },
      async (ms, chunk) => {
        const result: [unknown[], number] = await dataSource.query(
          `DELETE FROM "${table}" WHERE ctid IN (
             SELECT ctid FROM "${table}"
              WHERE "consumer" = $1 AND "received_at" < now() - ($2::bigint * interval '1 millisecond')
              LIMIT $3)`,
          [consumer, ms, chunk],
        );
        return result[1];
      },
      InboxRetention.name,
    );
  }

  start(): void {
    this.sweep.start();
  }

  stop(): void {
    void this.sweep.stop();
  }

  /** Returns how many entries were deleted. */
  runOnce(): Promise<number> {
    return this.sweep.runOnce();
  }
}
