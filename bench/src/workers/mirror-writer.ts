import { Pool } from 'pg';
import {
  CommitNotifier,
  createCloudEvent,
  DEFAULT_NOTIFY_INTERVAL_MS,
  DEFAULT_OUTBOX_TABLE,
  laneFor,
  NOTIFY_SQL,
  outboxChannel,
} from '@app/outbox';
import { nowMs, openLoop } from '../support/clock';
import type { DecommissionRecord } from './latency-record';
import { env, runWorker } from './worker-kit';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price_cents: number;
  currency: string;
  status: string;
  version: number;
  decommission_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * (5) Decommissions written straight into the product database, the way the product service
 * writes them (lock, update with a version bump, outbox row, audit row, one transaction), then
 * the after-commit NOTIFY. The commit time is taken when COMMIT returns; the product API's own
 * relay is woken by the NOTIFY, i.e. the cross-process path.
 */
runWorker(() => {
  const pool = new Pool({
    connectionString: env('DATABASE_URL'),
    max: 8,
    application_name: 'bench-mirror-writer',
  });
  // The shipped wake-up of a writer with no relay in its process (libs/outbox).
  const notifier = new CommitNotifier(
    () => pool.query(NOTIFY_SQL, [outboxChannel(DEFAULT_OUTBOX_TABLE), '']),
    Number(process.env.BENCH_NOTIFY_INTERVAL_MS ?? DEFAULT_NOTIFY_INTERVAL_MS),
  );
  return {
    commands: {
      run: async ({
        ids,
        rate,
        durationMs,
      }: {
        ids: string[];
        rate: number;
        durationMs: number;
      }) => {
        const records: DecommissionRecord[] = [];
        await openLoop(rate, durationMs, async (i, scheduledAt) => {
          const id = ids[i];
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query('SELECT "id" FROM "products" WHERE "id" = $1 FOR UPDATE', [id]);
            const { rows } = await client.query<ProductRow>(
              `UPDATE "products" SET "status" = 'decommissioned', "decommission_reason" = 'bench',
                      "version" = "version" + 1, "updated_at" = now(), "updated_by" = 'bench'
                WHERE "id" = $1 RETURNING *`,
              [id],
            );
            const p = rows[0];
            const event = createCloudEvent({
              source: '/services/product',
              type: 'product.decommissioned',
              subject: p.id,
              aggregateVersion: p.version,
              data: {
                id: p.id,
                sku: p.sku,
                name: p.name,
                description: p.description,
                priceCents: p.price_cents,
                currency: p.currency,
                status: p.status,
                version: p.version,
                decommissionReason: p.decommission_reason,
                createdAt: p.created_at.toISOString(),
                updatedAt: p.updated_at.toISOString(),
              },
            });
            await client.query(
              `INSERT INTO "outbox_messages" ("event_id", "lane", "aggregate_type", "aggregate_id",
                 "aggregate_version", "event_type", "exchange", "routing_key", "payload")
               VALUES ($1, $2, 'product', $3, $4, 'product.decommissioned', 'product.events',
                 'product.decommissioned', $5)`,
              [event.id, laneFor('product', p.id), p.id, p.version, JSON.stringify(event)],
            );
            await client.query(
              `INSERT INTO "audit_log" ("actor", "action", "entity_type", "entity_id", "details")
               VALUES ('bench', 'product.decommissioned', 'product', $1, $2)`,
              [p.id, JSON.stringify({ version: p.version, reason: 'bench' })],
            );
            await client.query('COMMIT');
            records.push({ id, scheduledAt, committedAt: nowMs() });
          } catch (err) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
          } finally {
            client.release();
          }
          notifier.notify();
        });
        return records;
      },
    },
    close: () => pool.end(),
  };
});
