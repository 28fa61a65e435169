import { LruStore } from './lru-store';

function store(maxEntries: number, maxBytes: number) {
  const removed: [string, boolean][] = [];
  const lru = new LruStore<string>({
    maxEntries,
    maxBytes,
    sizeOf: (value) => value.length,
    onRemove: (key, _value, evicted) => removed.push([key, evicted]),
  });
  return { lru, removed };
}

describe('LruStore', () => {
  it('evicts the least recently used entry past maxEntries', () => {
    const { lru, removed } = store(2, 1_000);
    lru.set('a', 'A');
    lru.set('b', 'B');
    lru.get('a'); // a is now the most recently used
    lru.set('c', 'C');
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(removed).toEqual([['b', true]]);
    expect(lru.evictions).toBe(1);
  });

  it('evicts until the bytes fit and keeps the byte count exact', () => {
    const { lru } = store(100, 10);
    lru.set('a', 'xxxx');
    lru.set('b', 'yyyy');
    lru.set('c', 'zzzz');
    expect([lru.size, lru.bytes, lru.evictions]).toEqual([2, 8, 1]);
    lru.set('b', 'y');
    expect(lru.bytes).toBe(5);
  });

  it('refuses a value larger than maxBytes on its own', () => {
    const { lru } = store(10, 3);
    expect(lru.set('a', 'abcd')).toBe(false);
    expect([lru.size, lru.bytes, lru.evictions]).toEqual([0, 0, 0]);
  });

  it('does not count deletes, replacements or clear as evictions', () => {
    const { lru, removed } = store(10, 100);
    lru.set('a', 'A');
    lru.set('a', 'AA');
    lru.set('b', 'B');
    lru.delete('a');
    lru.clear();
    expect(removed).toEqual([
      ['a', false],
      ['a', false],
      ['b', false],
    ]);
    expect([lru.size, lru.bytes, lru.evictions]).toEqual([0, 0, 0]);
  });
});
