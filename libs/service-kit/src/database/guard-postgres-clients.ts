import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Gives every pooled PostgreSQL client a permanent 'error' listener. TypeORM listens only while
 * a client is checked out; a terminated session can emit a second error after that, and an
 * 'error' event with no listener kills the process. Here it is logged and the pool moves on.
 */
export function guardPostgresClients(dataSource: DataSource, name: string): void {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) return;
  const logger = new Logger(`${name}:database`);
  const guarded = new WeakSet<PoolClient>();
  const guard = (client: PoolClient): void => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', (err: Error) => logger.warn(`database session lost: ${err.message}`));
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
}
