import { diffRange } from './range-diff';
import type { EntryState, SnapshotEntry } from './mirror-sync.types';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const owner = (n: number, version: number, status = 'active'): SnapshotEntry<{ n: number }> => ({
  id: id(n),
  version,
  status,
  snapshot: status === 'purged' ? null : { n },
});
const mirror = (n: number, version: number, status = 'active'): EntryState => ({
  id: id(n),
  version,
  status,
});

describe('diffRange', () => {
  it('sorts every kind of difference and ignores entries that agree', () => {
    const diff = diffRange(
      [owner(1, 3), owner(2, 3), owner(3, 3), owner(4, 3), owner(5, 4, 'purged'), owner(6, 2)],
      [mirror(2, 2), mirror(3, 3, 'decommissioned'), mirror(4, 5), mirror(6, 2), mirror(9, 1)],
    );
    expect(diff.missing.map((e) => e.id)).toEqual([id(1), id(5)]);
    expect(diff.older.map((e) => e.id)).toEqual([id(2)]);
    expect(diff.altered).toEqual([{ owner: owner(3, 3), mirror: mirror(3, 3, 'decommissioned') }]);
    expect(diff.ahead).toEqual([{ owner: owner(4, 3), mirror: mirror(4, 5) }]);
    expect(diff.orphans).toEqual([mirror(9, 1)]);
  });

  it('finds nothing when both sides hold the same entries', () => {
    const diff = diffRange(
      [owner(1, 1), owner(2, 7, 'purged')],
      [mirror(2, 7, 'purged'), mirror(1, 1)],
    );
    expect(diff).toEqual({ missing: [], older: [], altered: [], ahead: [], orphans: [] });
  });
});
