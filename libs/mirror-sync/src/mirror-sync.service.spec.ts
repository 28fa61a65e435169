import type { DataSource } from 'typeorm';
import { MirrorSync } from './mirror-sync.service';
import type { MirrorSource, MirrorTarget, SourceTraffic } from './mirror-sync.types';

const target = { name: 'product' } as MirrorTarget;
const dataSource = {} as DataSource;
const idle: Pick<MirrorSource, 'digests' | 'page' | 'lookup'> = {
  digests: () => Promise.resolve([]),
  page: () => Promise.resolve({ items: [], nextCursor: null }),
  lookup: () => Promise.resolve([]),
};

describe('MirrorSync status', () => {
  it('shows what the source has read from the owner, as a copy of its running totals', () => {
    const traffic: SourceTraffic = { requests: 3, bytes: 1200 };
    const sync = new MirrorSync({ source: { ...idle, traffic }, target }, dataSource);
    const shown = sync.status().owner;
    expect(shown).toEqual({ requests: 3, bytes: 1200 });
    traffic.requests++;
    traffic.bytes += 100;
    expect(shown).toEqual({ requests: 3, bytes: 1200 });
    expect(sync.status().owner).toEqual({ requests: 4, bytes: 1300 });
  });

  it('shows null for a source that does not count its traffic', () => {
    const sync = new MirrorSync({ source: idle, target }, dataSource);
    expect(sync.status().owner).toBeNull();
  });
});
