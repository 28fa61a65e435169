import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { failpoint } from '@app/failpoints';
import type { MirrorSyncState } from './mirror-sync-state';
import type { MirrorSource, MirrorTarget } from './mirror-sync.types';
import { pagesInIdOrder } from './snapshot-read-ahead';

/** What `/admin/health` shows of a seed. */
export interface SeedProgress {
  state: 'pending' | 'waiting' | 'seeding' | 'done';
  /** Entries applied so far, this run and earlier ones it resumed. */
  rows: number;
  /** Entries the owner had when this run began (its root digests), once known. */
  total: number | null;
  remaining: number | null;
  rowsPerSecond: number | null;
  lastError: string | null;
}

export interface SeederOptions {
  /** Entries per snapshot page, applied in one transaction (default 1000). */
  pageSize?: number;
  /** How often progress is logged (default every 5 s). */
  logEveryMs?: number;
  /** Id ranges read from the owner at once, ahead of the writes (default 2). */
  readers?: number;
}

/**
 * Fills a mirror from its owner's snapshot pages, once. Each page is applied with the target's
 * upsert-if-newer in one transaction with the cursor, so a crash resumes at the last page and
 * live events (subscribed before the seed starts) commute with it: the newer version wins.
 */
export class MirrorSeeder<T> {
  readonly progress: SeedProgress = {
    state: 'pending',
    rows: 0,
    total: null,
    remaining: null,
    rowsPerSecond: null,
    lastError: null,
  };
  private readonly pageSize: number;
  private readonly logEveryMs: number;
  private readonly readers: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly source: MirrorSource<T>,
    private readonly target: MirrorTarget<T>,
    private readonly state: MirrorSyncState,
    private readonly logger: Logger,
    options: SeederOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.logEveryMs = options.logEveryMs ?? 5_000;
    this.readers = options.readers ?? 2;
  }

  /** Whether this mirror has finished a seed, here or in another instance. */
  async isSeeded(): Promise<boolean> {
    return (await this.state.seed(this.target.name))?.completedAt instanceof Date;
  }

  /**
   * Seeds from where the last run stopped, under the caller's lock; `stopping` ends it between
   * pages (the next run resumes there).
   */
  async run(stopping: () => boolean): Promise<'done' | 'stopped'> {
    const name = this.target.name;
    await this.state.startSeed(name);
    const saved = await this.state.seed(name);
    if (saved?.completedAt) return this.finish();
    const after = saved?.after ?? undefined;
    this.progress.state = 'seeding';
    this.progress.rows = saved?.rows ?? 0;
    // The owner's count (its root digests) is for progress only: read beside the first page,
    // not before it, since it scans every entry.
    this.source.digests(['']).then(
      (ranges) => {
        const total = ranges.reduce((n, d) => n + d.count, 0);
        this.progress.total = total;
        this.progress.remaining = Math.max(0, total - this.progress.rows);
      },
      () => undefined, // a failed count only leaves progress without a total
    );
    const started = performance.now();
    const startRows = this.progress.rows;
    let logged = started;
    this.logger.log(`seeding the ${name} mirror, resuming after ${after ?? 'the start'}`);
    // Pages arrive in id order while the owner already serves the next ones (pagesInIdOrder):
    // a page then costs about the slower of the owner's read and the mirror's write.
    for await (const page of pagesInIdOrder(this.source, {
      after,
      pageSize: this.pageSize,
      readers: this.readers,
    })) {
      if (stopping()) return 'stopped';
      const last = page.items.at(-1)?.id;
      if (last) {
        await this.dataSource.transaction(async (manager) => {
          await this.target.applyIfNewer(manager, page.items);
          await this.state.advanceSeed(manager, name, last, page.items.length);
        });
        failpoint('mirror-sync.seed.after-page');
      }
      this.progress.rows += page.items.length;
      const seconds = (performance.now() - started) / 1000;
      this.progress.rowsPerSecond =
        seconds > 0 ? Math.round((this.progress.rows - startRows) / seconds) : null;
      const total = this.progress.total;
      if (total !== null) this.progress.remaining = Math.max(0, total - this.progress.rows);
      if (performance.now() - logged >= this.logEveryMs) {
        logged = performance.now();
        this.logger.log(
          `seeding the ${name} mirror: ${this.progress.rows} entries, ${this.progress.rowsPerSecond}/s, about ${this.progress.remaining ?? '?'} of ${total ?? '?'} left`,
        );
      }
    }
    await this.state.completeSeed(name);
    this.logger.log(`seeded the ${name} mirror: ${this.progress.rows} entries`);
    return this.finish();
  }

  private finish(): 'done' {
    this.progress.state = 'done';
    this.progress.remaining = 0;
    return 'done';
  }
}
