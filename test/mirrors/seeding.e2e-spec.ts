import { http, ServiceSystem, waitFor } from '@app/testing';
import {
  createProducts,
  lifecycle,
  mirrorEntries,
  mirrorMatchesOwner,
  ownerEntries,
} from '../support/mirror-entries';

interface SeedHealth {
  mirrors: { mirror: string; seed: { state: string; rows: number; remaining: number | null } }[];
}

/**
 * A mirror deployed after its owner has data: the events it missed are gone, so it seeds itself
 * from the owner's snapshot while live events flow, resumes after a crash, and ends up equal.
 */
describe('a mirror that starts after its owner has products', () => {
  let system: ServiceSystem;
  let ids: string[];

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    ids = await createProducts(system, 1000, 'SEED');
    for (const id of ids.slice(0, 100)) await lifecycle(system, id, 'decommission');
    for (const id of ids.slice(0, 50)) await lifecycle(system, id, 'purge');
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
  });

  async function seed(app: string): Promise<SeedHealth['mirrors'][number]['seed']> {
    const res = await http<SeedHealth>('GET', `${system.url(app)}/admin/health`, { admin: true });
    return res.body.mirrors[0].seed;
  }

  it('seeds every product and tombstone while products keep changing, and resumes after a crash', async () => {
    // Killed right after its first page of 40 commits: the restart must resume, not start over.
    // It may die before or after it first answers /health.
    await system
      .startApp('catalog', {
        CATALOG_MIRROR_SEED_PAGE_SIZE: '40',
        FAILPOINTS: 'mirror-sync.seed.after-page',
      })
      .catch(() => undefined);
    await system.app('catalog').waitForExit();
    const db = await system.db('catalog');
    const [afterCrash] = await db.query<{ seed_rows: string; seed_completed_at: Date | null }>(
      `SELECT seed_rows, seed_completed_at FROM mirror_sync_state WHERE mirror = 'product'`,
    );
    expect(Number(afterCrash.seed_rows)).toBe(40);
    expect(afterCrash.seed_completed_at).toBeNull();

    await system.startApp('catalog', { CATALOG_MIRROR_SEED_PAGE_SIZE: '40' });
    // Live changes while the seed runs: the version checks make the two commute.
    const active = ids.slice(100, 400);
    for (let round = 0; round < 3; round++) {
      for (const id of active.slice(round * 50, round * 50 + 50)) {
        await lifecycle(system, id, 'decommission');
      }
      for (const id of active.slice(round * 50, round * 50 + 25)) {
        await lifecycle(system, id, 'recommission');
      }
    }
    await waitFor(async () => (await seed('catalog')).state === 'done', {
      what: 'the seed to finish',
      timeoutMs: 120_000,
    });
    await mirrorMatchesOwner(system, 'catalog');

    const owner = await ownerEntries(system);
    expect(owner).toHaveLength(1000);
    expect(owner.filter((e) => e.status === 'purged')).toHaveLength(50);
    const mirror = await mirrorEntries(system, 'catalog');
    expect(mirror.filter((e) => e.status === 'purged')).toHaveLength(50);
    const [state] = await db.query<{ seed_rows: string }>(
      `SELECT seed_rows FROM mirror_sync_state WHERE mirror = 'product'`,
    );
    expect(Number(state.seed_rows)).toBe(1000);
    expect(system.app('catalog').logs()).toMatch(/resuming after [0-9a-f-]{36}/);
  }, 240_000);
});
