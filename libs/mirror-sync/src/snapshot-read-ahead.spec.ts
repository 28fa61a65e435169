import { randomUUID } from 'node:crypto';
import { prefixOf } from './id-ranges';
import type { MirrorSource, SnapshotPage, SnapshotPageQuery } from './mirror-sync.types';
import { pagesInIdOrder } from './snapshot-read-ahead';

type Item = { id: string; version: number; status: string; snapshot: null };

/** An owner whose pages take a random few milliseconds; it counts requests in flight. */
class SlowSource implements MirrorSource<null> {
  inFlight = 0;
  mostInFlight = 0;
  requests = 0;
  failOn: string | undefined;
  readonly ids: string[];

  constructor(count: number) {
    this.ids = Array.from({ length: count }, () => randomUUID()).sort();
  }

  digests(): Promise<never> {
    throw new Error('not used');
  }

  lookup(): Promise<never> {
    throw new Error('not used');
  }

  async page(q: SnapshotPageQuery): Promise<SnapshotPage<null>> {
    this.requests++;
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
    this.inFlight--;
    if (this.failOn !== undefined && q.prefix === this.failOn) {
      throw new Error(`range ${q.prefix} failed`);
    }
    const prefix = q.prefix ?? '';
    const items: Item[] = this.ids
      .filter((id) => prefixOf(id, prefix.length) === prefix && (!q.after || id > q.after))
      .slice(0, q.limit)
      .map((id) => ({ id, version: 1, status: 'active', snapshot: null }));
    return { items, nextCursor: items.length === q.limit ? items[items.length - 1].id : null };
  }
}

async function collect(
  source: SlowSource,
  options: Parameters<typeof pagesInIdOrder>[1],
): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of pagesInIdOrder(source, options)) pages.push(page.items.map((e) => e.id));
  return pages;
}

describe('pagesInIdOrder', () => {
  it('yields every id once, in id order, while two ranges are read at once', async () => {
    const source = new SlowSource(2_000);
    const pages = await collect(source, { pageSize: 50, readers: 2 });
    expect(pages.flat()).toEqual(source.ids);
    expect(pages.every((p) => p.length > 0 && p.length <= 50)).toBe(true);
    expect(source.mostInFlight).toBe(2);
  });

  it('reads one request at a time with one reader', async () => {
    const source = new SlowSource(500);
    expect((await collect(source, { pageSize: 40, readers: 1 })).flat()).toEqual(source.ids);
    expect(source.mostInFlight).toBe(1);
  });

  it('resumes after a cursor, inside a range and across the ranges before it', async () => {
    const source = new SlowSource(1_000);
    const after = source.ids[613];
    const pages = await collect(source, { pageSize: 30, readers: 3, after: after.toUpperCase() });
    expect(pages.flat()).toEqual(source.ids.slice(614));
  });

  it('yields nothing for an owner without entries', async () => {
    const source = new SlowSource(0);
    expect(await collect(source, { pageSize: 10 })).toEqual([]);
    expect(source.requests).toBe(16);
  });

  it('throws a failed read where its page would have been, after the pages before it', async () => {
    const source = new SlowSource(800);
    source.failOn = '8';
    const seen: string[] = [];
    await expect(async () => {
      for await (const page of pagesInIdOrder(source, { pageSize: 25, readers: 2 })) {
        seen.push(...page.items.map((e) => e.id));
      }
    }).rejects.toThrow('range 8 failed');
    expect(seen).toEqual(source.ids.filter((id) => id < '8'));
  });

  it('stops reading when the caller stops, and never runs far ahead of it', async () => {
    const source = new SlowSource(3_000);
    let taken = 0;
    for await (const page of pagesInIdOrder(source, { pageSize: 20, readers: 2, maxBuffered: 3 })) {
      expect(page.items.length).toBeGreaterThan(0);
      if (++taken === 5) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    const after = source.requests;
    // Two ranges of at most 3 buffered pages and one request each in flight, beyond the 5 taken.
    expect(after).toBeLessThanOrEqual(5 + 2 * 3 + 2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(source.requests).toBe(after);
  });
});
