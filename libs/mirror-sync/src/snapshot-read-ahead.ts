import { childPrefixes, prefixBounds } from './id-ranges';
import type { MirrorSource, SnapshotPage } from './mirror-sync.types';

export interface ReadAheadOptions {
  /** Exclusive lower bound: pages start after this id (a resumed seed). */
  after?: string;
  /** Entries per page. */
  pageSize: number;
  /** Id ranges read at once (default 2); 1 reads one page ahead of the caller. */
  readers?: number;
  /** Pages a range holds that the caller has not taken yet, before its reader waits (default 4). */
  maxBuffered?: number;
}

/**
 * Every snapshot page after `after`, in id order, while up to `readers` of the 16 top-level id
 * ranges are read at once. A keyset page names the next one only once it has arrived, so a
 * single cursor allows one request in flight; ranges have cursors of their own, so the owner's
 * read of the next range overlaps with this one's, and a mirror far from its owner is not held
 * to one round trip a page. The caller still sees pages in id order, so a cursor saved after
 * each page stays a correct place to resume.
 *
 * Breaking out of the loop stops the readers after the requests they have in flight; a failed
 * read is thrown where its page would have been.
 */
export async function* pagesInIdOrder<T>(
  source: MirrorSource<T>,
  options: ReadAheadOptions,
): AsyncGenerator<SnapshotPage<T>> {
  const after = options.after?.toLowerCase();
  const { pageSize } = options;
  const readers = Math.max(1, options.readers ?? 2);
  const maxBuffered = Math.max(1, options.maxBuffered ?? 4);
  const ranges = childPrefixes('')
    .filter((prefix) => after === undefined || prefixBounds(prefix).hi > after)
    .map((prefix) => new RangeReader(source, prefix, after, pageSize, maxBuffered));
  let started = 0;
  const startNext = (): void => {
    if (started < ranges.length) ranges[started++].start();
  };
  try {
    for (let i = 0; i < readers; i++) startNext();
    for (const range of ranges) {
      for (;;) {
        const page = await range.take();
        if (page === 'end') break;
        yield page;
      }
      startNext();
    }
  } finally {
    for (const range of ranges) range.cancel();
  }
}

/** One id range read page by page into a bounded buffer, ahead of the caller. */
class RangeReader<T> {
  private readonly pages: SnapshotPage<T>[] = [];
  private finished = false;
  private cancelled = false;
  private failure: { error: unknown } | undefined;
  private wakeTaker: (() => void) | undefined;
  private wakeReader: (() => void) | undefined;

  constructor(
    private readonly source: MirrorSource<T>,
    private readonly prefix: string,
    private readonly after: string | undefined,
    private readonly pageSize: number,
    private readonly maxBuffered: number,
  ) {}

  start(): void {
    this.read()
      .then(
        () => (this.finished = true),
        (error: unknown) => (this.failure = { error }),
      )
      .finally(() => this.wake('taker'));
  }

  /** The next page of this range, or `'end'` once it has none. */
  async take(): Promise<SnapshotPage<T> | 'end'> {
    for (;;) {
      const page = this.pages.shift();
      if (page) {
        this.wake('reader');
        return page;
      }
      if (this.failure) throw this.failure.error;
      if (this.finished) return 'end';
      await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    }
  }

  cancel(): void {
    this.cancelled = true;
    this.wake('reader');
  }

  private async read(): Promise<void> {
    const { lo } = prefixBounds(this.prefix);
    let from = this.after !== undefined && this.after >= lo ? this.after : undefined;
    while (!this.cancelled) {
      while (this.pages.length >= this.maxBuffered && !this.cancelled) {
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
      }
      if (this.cancelled) return;
      const page = await this.source.page({
        prefix: this.prefix,
        after: from,
        limit: this.pageSize,
      });
      const last = page.items.at(-1)?.id;
      if (page.items.length > 0) this.pages.push(page);
      this.wake('taker');
      if (page.nextCursor === null || last === undefined) return;
      from = page.nextCursor;
    }
  }

  private wake(who: 'taker' | 'reader'): void {
    const resolve = who === 'taker' ? this.wakeTaker : this.wakeReader;
    if (who === 'taker') this.wakeTaker = undefined;
    else this.wakeReader = undefined;
    resolve?.();
  }
}
