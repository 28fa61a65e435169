import type { ClientBase } from 'pg';
import { serviceToken, signToken } from '@app/auth';
import { PURGED, rangeDigests, type DigestTable, type Queryable } from '@app/mirror-sync';
import { nowMs } from './clock';
import { round } from './stats';

interface Traffic {
  requests: number;
  bytes: number;
}

/** The product mirror's entry of a mirroring app's `/admin/health`. */
export interface MirrorHealth {
  mirror: string;
  seed: { state: string; rows: number; rowsPerSecond: number | null };
  /** What the app has read from the owner since it started. */
  owner: Traffic;
}

export async function mirrorHealth(appUrl: string): Promise<MirrorHealth> {
  const res = await fetch(`${appUrl}/admin/health`, {
    // A cached token: this is polled every 100 ms while a seed runs.
    headers: { authorization: `Bearer ${serviceToken('bench', ['admin'])}` },
  });
  const body = (await res.json()) as {
    mirrors?: (Omit<MirrorHealth, 'owner'> & { owner?: Traffic | null })[];
  };
  const mirror = body.mirrors?.find((m) => m.mirror === 'product');
  if (!mirror) throw new Error(`${appUrl} shows no product mirror in /admin/health`);
  if (!mirror.owner)
    throw new Error(`${appUrl}/admin/health does not count what it reads from the owner`);
  return { ...mirror, owner: mirror.owner };
}

export interface ReconcileRun {
  /** The POST as the bench saw it: lock, digests, descent, repairs, audit. */
  wallMs: number;
  /** The run's own `durationMs`. */
  durationMs: number;
  ranges: number;
  pages: number;
  stale: number;
  repaired: number;
  /** What the app read from the owner during the run (the `owner` counter of its `/admin/health`). */
  bytes: number;
  requests: number;
}

/**
 * One `POST /admin/mirror/reconcile` on a mirroring app. Drift other than `stale` (the only kind
 * the bench makes) fails the measure: the figures would be of some other run.
 */
export async function reconcileOnce(appUrl: string): Promise<ReconcileRun> {
  const before = (await mirrorHealth(appUrl)).owner;
  const t0 = nowMs();
  const res = await fetch(`${appUrl}/admin/mirror/reconcile`, {
    method: 'POST',
    headers: { authorization: `Bearer ${signToken({ sub: 'bench', roles: ['admin'] })}` },
  });
  const wallMs = nowMs() - t0;
  const body = (await res.json()) as Record<string, number>;
  if (res.status !== 200) throw new Error(`reconcile answered ${res.status}`);
  const after = (await mirrorHealth(appUrl)).owner;
  for (const kind of ['missing', 'ahead', 'orphaned']) {
    if (body[kind] !== 0) {
      throw new Error(`reconcile found ${kind} entries: ${JSON.stringify(body)}`);
    }
  }
  return {
    wallMs: round(wallMs),
    durationMs: body.durationMs,
    ranges: body.ranges,
    pages: body.pages,
    stale: body.stale,
    repaired: body.repaired,
    bytes: after.bytes - before.bytes,
    requests: after.requests - before.requests,
  };
}

/** A reconcile of a mirror known to match its owner: no page read, nothing repaired. */
export async function reconcileNoDrift(appUrl: string): Promise<ReconcileRun> {
  const run = await reconcileOnce(appUrl);
  if (run.pages !== 0 || run.stale !== 0 || run.repaired !== 0) {
    throw new Error(`a reconcile with no drift read pages or repaired: ${JSON.stringify(run)}`);
  }
  return run;
}

/** The owner's entries as its digests read them (`PRODUCT_ENTRY_TABLES` of the product app). */
const OWNER_TABLES: DigestTable[] = [
  { table: 'products' },
  { table: 'product_tombstones', status: PURGED },
];

/**
 * The root's digests computed straight in one database, with the SQL the apps run: what a
 * no-drift reconcile costs PostgreSQL on that side, without HTTP or the app around it.
 */
export async function digestSqlMs(client: ClientBase, side: 'owner' | 'mirror'): Promise<number> {
  const db: Queryable = {
    query: async (sql: string, params?: unknown[]): Promise<unknown> =>
      (await client.query<Record<string, unknown>>(sql, params)).rows,
  };
  const tables = side === 'owner' ? OWNER_TABLES : [{ table: 'product_mirror' }];
  const started = nowMs();
  await rangeDigests(db, tables, ['']);
  return round(nowMs() - started);
}
