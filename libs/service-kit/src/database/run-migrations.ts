import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';

const MIGRATION_LOCK = 727_001;

/**
 * Runs pending migrations under an advisory lock, so several instances starting together
 * migrate once; each migration runs in its own transaction.
 */
export async function runMigrations(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource({ ...options, migrationsRun: false, synchronize: false });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    if (done.length > 0) {
      new Logger('migrations').log(`applied: ${done.map((m) => m.name).join(', ')}`);
    }
    return done.map((m) => m.name);
  } finally {
    await dataSource
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
      .catch(() => undefined);
    await dataSource.destroy();
  }
}
