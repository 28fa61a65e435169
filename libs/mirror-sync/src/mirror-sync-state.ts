import type { DataSource, EntityManager } from 'typeorm';
import type { ReconcileResult } from './mirror-sync.types';

const TABLE = 'mirror_sync_state';

/** How far a mirror's seed got; `completedAt` set means it never seeds again. */
export interface SeedState {
  after: string | null;
  rows: number;
  startedAt: Date | null;
  completedAt: Date | null;
}

interface StateRow {
  seed_after: string | null;
  seed_rows: string;
  seed_started_at: Date | null;
  seed_completed_at: Date | null;
}

/** The `mirror_sync_state` row of each mirror: the seed's cursor and the last reconcile run. */
export class MirrorSyncState {
  constructor(private readonly dataSource: DataSource) {}

  async seed(mirror: string): Promise<SeedState | undefined> {
    const [row] = await this.dataSource.query<StateRow[]>(
      `SELECT "seed_after", "seed_rows", "seed_started_at", "seed_completed_at"
         FROM "${TABLE}" WHERE "mirror" = $1`,
      [mirror],
    );
    if (!row) return undefined;
    return {
      after: row.seed_after,
      rows: Number(row.seed_rows),
      startedAt: row.seed_started_at,
      completedAt: row.seed_completed_at,
    };
  }

  async startSeed(mirror: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${TABLE}" ("mirror", "seed_started_at") VALUES ($1, now())
       ON CONFLICT ("mirror") DO UPDATE SET "seed_started_at" = COALESCE("${TABLE}"."seed_started_at", now())`,
      [mirror],
    );
  }

  /** Moves the cursor past a page, in the transaction that applied the page. */
  async advanceSeed(manager: EntityManager, mirror: string, after: string, rows: number) {
    await manager.query(
      `UPDATE "${TABLE}" SET "seed_after" = $2, "seed_rows" = "seed_rows" + $3 WHERE "mirror" = $1`,
      [mirror, after, rows],
    );
  }

  async completeSeed(mirror: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "${TABLE}" SET "seed_completed_at" = now() WHERE "mirror" = $1`,
      [mirror],
    );
  }

  async recordReconcile(manager: EntityManager, mirror: string, result: ReconcileResult) {
    await manager.query(
      `INSERT INTO "${TABLE}" ("mirror", "last_reconcile_at", "last_reconcile")
       VALUES ($1, now(), $2)
       ON CONFLICT ("mirror") DO UPDATE
          SET "last_reconcile_at" = now(), "last_reconcile" = EXCLUDED."last_reconcile"`,
      [mirror, JSON.stringify(result)],
    );
  }
}
