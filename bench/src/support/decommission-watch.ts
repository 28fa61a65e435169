import { benchClient, withDb } from './context';
import { nowMs } from './clock';

/** When each mirror row first became visible as decommissioned, by id (orchestrator's clock). */
export interface DecommissionWatch {
  seen: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Watches a mirror table for rows becoming `decommissioned`: a trigger sends
 * `pg_notify('bench_mirror', id)`, which PostgreSQL delivers when the writing transaction
 * commits, i.e. when the row becomes visible. No polling.
 */
export async function watchDecommissions(url: string, table: string): Promise<DecommissionWatch> {
  await withDb(url, async (c) => {
    await c.query(`CREATE FUNCTION bench_mirror_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'decommissioned' THEN PERFORM pg_notify('bench_mirror', NEW.id::text); END IF;
        RETURN NEW;
      END $$`);
    await c.query(`CREATE TRIGGER bench_mirror_notify AFTER INSERT OR UPDATE ON "${table}"
      FOR EACH ROW EXECUTE FUNCTION bench_mirror_notify()`);
  });
  const seen = new Map<string, number>();
  const observer = benchClient(url, `bench-watch-${table}`);
  await observer.connect();
  observer.on('notification', (n) => {
    if (n.payload && !seen.has(n.payload)) seen.set(n.payload, nowMs());
  });
  await observer.query('LISTEN bench_mirror');
  return { seen, close: () => observer.end().catch(() => undefined) };
}
