import type { DataSource } from 'typeorm';
import { diffRange, type RangeDiff } from './range-diff';
import type {
  EntryState,
  MirrorSource,
  MirrorTarget,
  ReconcileResult,
  SnapshotEntry,
} from './mirror-sync.types';

export interface ReconcilerOptions {
  /** A range is compared entry by entry once neither side holds more than this (default 128). */
  leafSize?: number;
  /** Entries per snapshot page read from the owner (default 500). */
  pageSize?: number;
}

type Counts = Omit<ReconcileResult, 'durationMs'>;

/**
 * One reconcile run: compares a mirror with its owner range by range, descends only into ranges
 * whose digests differ, and repairs every difference through the target (upsert-if-newer for
 * missing and older entries; compare-and-set resets and removals for the rest, each confirmed
 * by a fresh lookup first, so an event applied meanwhile is never overwritten).
 */
export class MirrorReconciler<T> {
  private readonly leafSize: number;
  private readonly pageSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly source: MirrorSource<T>,
    private readonly target: MirrorTarget<T>,
    options: ReconcilerOptions = {},
  ) {
    this.leafSize = options.leafSize ?? 128;
    this.pageSize = options.pageSize ?? 500;
  }

  async run(): Promise<ReconcileResult> {
    const started = performance.now();
    const counts: Counts = {
      checked: 0,
      missing: 0,
      stale: 0,
      ahead: 0,
      orphaned: 0,
      repaired: 0,
      ranges: 0,
      pages: 0,
    };
    let level = [''];
    while (level.length > 0) {
      const [owner, mirror] = await Promise.all([
        this.source.digests(level),
        this.target.digests(level),
      ]);
      const local = new Map(mirror.map((d) => [d.prefix, d]));
      const next: string[] = [];
      for (const theirs of owner) {
        counts.ranges++;
        const ours = local.get(theirs.prefix) ?? { count: 0, hash: '' };
        if (ours.count === theirs.count && ours.hash === theirs.hash) {
          counts.checked += theirs.count;
        } else if (this.isLeaf(theirs.prefix, theirs.count, ours.count)) {
          await this.compareRange(theirs.prefix, counts);
        } else {
          next.push(theirs.prefix);
        }
      }
      level = next;
    }
    return { ...counts, durationMs: Math.round(performance.now() - started) };
  }

  /** Compare entries now: the range is small, empty on one side (all differs), or one id. */
  private isLeaf(prefix: string, owner: number, mirror: number): boolean {
    if (prefix.length >= 31 || owner === 0 || mirror === 0) return true;
    return owner <= this.leafSize && mirror <= this.leafSize;
  }

  private async compareRange(prefix: string, counts: Counts): Promise<void> {
    const owner: SnapshotEntry<T>[] = [];
    let after: string | undefined;
    do {
      const page = await this.source.page({ prefix, after, limit: this.pageSize });
      counts.pages++;
      owner.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);
    const diff = diffRange(owner, await this.target.entries(prefix));
    counts.checked += owner.length;
    await this.repair(diff, counts);
  }

  private async repair(diff: RangeDiff<T>, counts: Counts): Promise<void> {
    counts.missing += diff.missing.length;
    counts.stale += diff.older.length + diff.altered.length;
    // A range empty on one side may be large: repaired a page's worth per transaction.
    const newer = [...diff.missing, ...diff.older];
    for (let i = 0; i < newer.length; i += this.pageSize) {
      const chunk = newer.slice(i, i + this.pageSize);
      const applied = await this.dataSource.transaction((m) => this.target.applyIfNewer(m, chunk));
      counts.repaired += applied.length;
    }
    for (const { owner, mirror } of diff.altered) {
      if (await this.reset(owner, mirror)) counts.repaired++;
    }
    await this.settleAhead(diff.ahead, counts);
    await this.settleOrphans(diff.orphans, counts);
  }

  /** The owner is the source of truth: a mirror ahead of it is set back, once a lookup agrees. */
  private async settleAhead(ahead: RangeDiff<T>['ahead'], counts: Counts): Promise<void> {
    if (ahead.length === 0) return;
    const fresh = await this.lookup(
      ahead.map((a) => a.mirror.id),
      counts,
    );
    for (const { mirror } of ahead) {
      const now = fresh.get(mirror.id);
      if (!now) {
        await this.settleOrphans([mirror], counts);
      } else if (now.version < mirror.version) {
        counts.ahead++;
        if (await this.reset(now, mirror)) counts.repaired++;
      } else if (now.version > mirror.version) {
        // The owner moved on since the page was read; its event may be on the way.
        await this.dataSource.transaction((m) => this.target.applyIfNewer(m, [now]));
      }
    }
  }

  /** Rows the owner never had are removed only when a fresh lookup confirms it. */
  private async settleOrphans(orphans: EntryState[], counts: Counts): Promise<void> {
    if (orphans.length === 0) return;
    const fresh = await this.lookup(
      orphans.map((o) => o.id),
      counts,
    );
    for (const orphan of orphans) {
      const now = fresh.get(orphan.id);
      if (now) {
        // Created after the page was read: not drift, but the mirror may as well have it.
        await this.dataSource.transaction((m) => this.target.applyIfNewer(m, [now]));
        continue;
      }
      counts.orphaned++;
      const removed = await this.dataSource.transaction((m) => this.target.remove(m, orphan));
      if (removed) counts.repaired++;
    }
  }

  private async reset(owner: SnapshotEntry<T>, mirror: EntryState): Promise<boolean> {
    return this.dataSource.transaction((m) => this.target.reset(m, owner, mirror));
  }

  private async lookup(ids: string[], counts: Counts): Promise<Map<string, SnapshotEntry<T>>> {
    counts.pages++;
    return new Map((await this.source.lookup(ids)).map((e) => [e.id, e]));
  }
}
