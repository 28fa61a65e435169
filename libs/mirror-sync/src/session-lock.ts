import type { DataSource } from 'typeorm';

/**
 * Runs `work` while this process holds a session advisory lock named `name`, on a connection of
 * its own; answers `undefined` without running it when another session holds the lock. The lock
 * goes with the connection, so a crashed holder never blocks the others.
 */
export async function withSessionLock<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
): Promise<{ value: T } | undefined> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS "locked"',
      [name],
    )) as { locked: boolean }[];
    if (!row.locked) return undefined;
    try {
      return { value: await work() };
    } finally {
      await runner
        .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name])
        .catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
