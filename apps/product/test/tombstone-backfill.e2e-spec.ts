import { Logger } from '@nestjs/common';
import { runMigrations } from '@app/service-kit';
import { DatabaseProbe, TestEnvironment } from '@app/testing';
import { productDataSourceOptions } from '../src/database/data-source';

/** Purges made before tombstones existed get theirs from the audit log when the table is made. */
describe('tombstone backfill', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    env = await TestEnvironment.create(['product'], { broker: false });
    db = await DatabaseProbe.connect(env.databaseUrl('product'));
  });

  afterAll(async () => {
    await db?.close();
    await env?.destroy();
  });

  it('creates a tombstone per purge audited before the migration, with its version and time', async () => {
    const options = productDataSourceOptions(env.databaseUrl('product'));
    const migrations = options.migrations as (string | (new () => unknown))[];
    const first = await runMigrations({ ...options, migrations: migrations.slice(0, 1) });
    expect(first).toHaveLength(1);
    const purgedA = 'aaaaaaaa-0000-4000-8000-000000000001';
    const purgedB = 'bbbbbbbb-0000-4000-8000-000000000002';
    const live = 'cccccccc-0000-4000-8000-000000000003';
    await db.query(
      `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, details) VALUES
        ('2025-01-02T03:04:05Z', 'a', 'product.created', 'product', $1, '{"version": 1}'),
        ('2025-01-03T03:04:05Z', 'a', 'product.decommissioned', 'product', $1, '{"version": 2}'),
        ('2025-01-04T03:04:05Z', 'a', 'product.purged', 'product', $1, '{"version": 3, "reason": "x"}'),
        ('2025-02-01T00:00:00Z', 'a', 'product.purged', 'product', $2, '{"version": 7, "reason": "y"}'),
        ('2025-02-02T00:00:00Z', 'a', 'product.decommissioned', 'product', $3, '{"version": 2}'),
        ('2025-02-03T00:00:00Z', 'a', 'order.purged', 'order', $3, '{"version": 9}')`,
      [purgedA, purgedB, live],
    );
    expect(await runMigrations(options)).toHaveLength(migrations.length - 1);
    const tombstones = await db.query<{ id: string; version: number; purged_at: Date }>(
      'SELECT id, version, purged_at FROM product_tombstones ORDER BY id',
    );
    expect(tombstones).toEqual([
      { id: purgedA, version: 3, purged_at: new Date('2025-01-04T03:04:05Z') },
      { id: purgedB, version: 7, purged_at: new Date('2025-02-01T00:00:00Z') },
    ]);
  });
});
