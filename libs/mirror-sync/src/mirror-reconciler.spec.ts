import type { DataSource, EntityManager } from 'typeorm';
import { childPrefixes, prefixOf } from './id-ranges';
import { MirrorReconciler } from './mirror-reconciler';
import type {
  EntryState,
  MirrorSource,
  MirrorTarget,
  RangeDigest,
  SnapshotEntry,
  SnapshotPage,
  SnapshotPageQuery,
} from './mirror-sync.types';
import { entryHash } from './range-digests';

type Entry = SnapshotEntry<{ name: string }>;

function digestsOf(entries: EntryState[], prefixes: string[]): RangeDigest[] {
  return prefixes.flatMap(childPrefixes).map((prefix) => {
    const inside = entries.filter((e) => prefixOf(e.id, prefix.length) === prefix);
    const hash = inside.reduce(
      (x, e) => x ^ BigInt(`0x${entryHash(e.id, e.version, e.status)}`),
      0n,
    );
    return { prefix, count: inside.length, hash: hash.toString(16).padStart(16, '0') };
  });
}

/** The owner, in memory; `pages` and `lookups` count what a run read. */
class MemorySource implements MirrorSource<{ name: string }> {
  pages = 0;
  lookups = 0;
  constructor(readonly entries: Map<string, Entry>) {}
  sorted(): Entry[] {
    return [...this.entries.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
  digests(prefixes: string[]): Promise<RangeDigest[]> {
    return Promise.resolve(digestsOf(this.sorted(), prefixes));
  }
  page(q: SnapshotPageQuery): Promise<SnapshotPage<{ name: string }>> {
    this.pages++;
    const items = this.sorted()
      .filter((e) => prefixOf(e.id, (q.prefix ?? '').length) === (q.prefix ?? ''))
      .filter((e) => !q.after || e.id > q.after)
      .slice(0, q.limit);
    return Promise.resolve({
      items,
      nextCursor: items.length === q.limit ? items[items.length - 1].id : null,
    });
  }
  lookup(ids: string[]): Promise<Entry[]> {
    this.lookups++;
    return Promise.resolve(ids.flatMap((id) => this.entries.get(id) ?? []));
  }
}

/** The mirror, in memory, with the target's compare-and-set semantics. */
class MemoryTarget implements MirrorTarget<{ name: string }> {
  readonly name = 'thing';
  constructor(readonly rows: Map<string, EntryState>) {}
  digests(prefixes: string[]): Promise<RangeDigest[]> {
    return Promise.resolve(digestsOf([...this.rows.values()], prefixes));
  }
  entries(prefix: string): Promise<EntryState[]> {
    return Promise.resolve(
      [...this.rows.values()]
        .filter((e) => prefixOf(e.id, prefix.length) === prefix)
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
  }
  applyIfNewer(_m: EntityManager, entries: Entry[]): Promise<string[]> {
    const applied = entries.filter((e) => (this.rows.get(e.id)?.version ?? 0) < e.version);
    for (const e of applied)
      this.rows.set(e.id, { id: e.id, version: e.version, status: e.status });
    return Promise.resolve(applied.map((e) => e.id));
  }
  reset(_m: EntityManager, entry: Entry, expected: EntryState): Promise<boolean> {
    const row = this.rows.get(entry.id);
    if (row?.version !== expected.version || row.status !== expected.status)
      return Promise.resolve(false);
    this.rows.set(entry.id, { id: entry.id, version: entry.version, status: entry.status });
    return Promise.resolve(true);
  }
  remove(_m: EntityManager, expected: EntryState): Promise<boolean> {
    const row = this.rows.get(expected.id);
    if (row?.version !== expected.version) return Promise.resolve(false);
    this.rows.delete(expected.id);
    return Promise.resolve(true);
  }
}

const transactions = {
  transaction: <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager),
} as unknown as DataSource;

const id = (n: number): string => {
  const hex = ((n * 2654435761) % 2 ** 32).toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${String(n).padStart(12, '0')}`;
};

function world(count: number): { source: MemorySource; target: MemoryTarget } {
  const owner = new Map<string, Entry>();
  const mirror = new Map<string, EntryState>();
  for (let n = 1; n <= count; n++) {
    const e: Entry = {
      id: id(n),
      version: 2,
      status: n % 10 ? 'active' : 'purged',
      snapshot: null,
    };
    if (e.status !== 'purged') e.snapshot = { name: `thing ${n}` };
    owner.set(e.id, e);
    mirror.set(e.id, { id: e.id, version: e.version, status: e.status });
  }
  return { source: new MemorySource(owner), target: new MemoryTarget(mirror) };
}

describe('MirrorReconciler', () => {
  it('compares only the root digests when nothing differs', async () => {
    const { source, target } = world(2000);
    const result = await new MirrorReconciler(transactions, source, target).run();
    expect(result).toMatchObject({ checked: 2000, missing: 0, stale: 0, ranges: 16, pages: 0 });
    expect(source.lookups).toBe(0);
  });

  it('descends only into ranges that differ and repairs every kind of drift', async () => {
    const { source, target } = world(5000);
    const [gone, older, altered, ahead] = [id(11), id(12), id(13), id(14)];
    target.rows.delete(gone);
    target.rows.set(older, { id: older, version: 1, status: 'active' });
    target.rows.set(altered, { id: altered, version: 2, status: 'decommissioned' });
    target.rows.set(ahead, { id: ahead, version: 9, status: 'active' });
    const orphan = id(999_999);
    target.rows.set(orphan, { id: orphan, version: 1, status: 'active' });

    const result = await new MirrorReconciler(transactions, source, target, { leafSize: 64 }).run();
    expect(result).toMatchObject({ missing: 1, stale: 2, ahead: 1, orphaned: 1, repaired: 5 });
    expect(result.pages).toBeLessThan(20);
    expect([...target.rows.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      source.sorted().map(({ id, version, status }) => ({ id, version, status })),
    );
    const again = await new MirrorReconciler(transactions, source, target).run();
    expect(again).toMatchObject({ missing: 0, stale: 0, ahead: 0, orphaned: 0, pages: 0 });
  });

  it('leaves an entry alone when a fresh lookup shows the owner caught up with it', async () => {
    const { source, target } = world(100);
    const moved = id(21);
    target.rows.set(moved, { id: moved, version: 3, status: 'active' });
    // The owner's pages are read before its version 3 commits; the lookup sees it.
    const page = source.page.bind(source);
    source.page = async (q) => {
      const answer = await page(q);
      source.entries.set(moved, {
        id: moved,
        version: 3,
        status: 'active',
        snapshot: { name: 'v3' },
      });
      return answer;
    };
    const result = await new MirrorReconciler(transactions, source, target).run();
    expect(result).toMatchObject({ ahead: 0, orphaned: 0, repaired: 0 });
    expect(target.rows.get(moved)).toEqual({ id: moved, version: 3, status: 'active' });
  });

  it('keeps a row the owner created after its page was read', async () => {
    const { source, target } = world(100);
    const late = id(500);
    target.rows.set(late, { id: late, version: 1, status: 'active' });
    const page = source.page.bind(source);
    source.page = async (q) => {
      const answer = await page(q);
      source.entries.set(late, {
        id: late,
        version: 1,
        status: 'active',
        snapshot: { name: 'new' },
      });
      return answer;
    };
    const result = await new MirrorReconciler(transactions, source, target).run();
    expect(result.orphaned).toBe(0);
    expect(target.rows.has(late)).toBe(true);
  });
});
