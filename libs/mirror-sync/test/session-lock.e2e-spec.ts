import { DataSource } from 'typeorm';
import { TestEnvironment, waitFor } from '@app/testing';
// Not exported: the lock is how MirrorSync keeps seeding and reconciling to one instance.
import { withSessionLock } from '../src/session-lock';

/** One instance seeds (or reconciles) while the others wait: a session advisory lock per name. */
describe('withSessionLock', () => {
  let env: TestEnvironment;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.create(['lock'], { broker: false });
    for (let i = 0; i < 2; i++) {
      const ds = new DataSource({ type: 'postgres', url: env.databaseUrl('lock') });
      sources.push(await ds.initialize());
    }
  });

  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await env?.destroy();
  });

  it('runs the work in one instance and tells the other it is busy, until the lock is released', async () => {
    const [a, b] = sources;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withSessionLock(a, 'mirror-sync:seed:thing', async () => {
      await held;
      return 'seeded';
    });
    // The first holds the lock until released.
    await waitFor(
      async () =>
        (
          await b.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
              WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`,
          )
        )[0].n === 1,
      { what: 'the first instance to take the lock' },
    );
    expect(
      await withSessionLock(b, 'mirror-sync:seed:thing', () => Promise.resolve('again')),
    ).toBeUndefined();
    expect(
      await withSessionLock(b, 'mirror-sync:reconcile:thing', () => Promise.resolve('other')),
    ).toEqual({
      value: 'other',
    });
    release();
    expect(await first).toEqual({ value: 'seeded' });
    expect(
      await withSessionLock(b, 'mirror-sync:seed:thing', () => Promise.resolve('now')),
    ).toEqual({
      value: 'now',
    });
  });

  it('releases the lock when the work fails', async () => {
    const [a, b] = sources;
    await expect(
      withSessionLock(a, 'mirror-sync:seed:failing', () => Promise.reject(new Error('owner away'))),
    ).rejects.toThrow('owner away');
    expect(await withSessionLock(b, 'mirror-sync:seed:failing', () => Promise.resolve(1))).toEqual({
      value: 1,
    });
  });
});
