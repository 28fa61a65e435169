import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import {
  CommitNotifier,
  createCloudEvent,
  DEFAULT_NOTIFY_INTERVAL_MS,
  laneFor,
  NOTIFY_SQL,
} from '@app/outbox';
import { nowMs, sleep } from '../support/clock';
import { productSnapshot } from '../support/payload';
import { env, runWorker } from './worker-kit';

export type WakeUpVariant = 'none' | 'in-transaction' | 'after-each-commit' | 'after-commit';

/**
 * (7) Closed-loop writers of the product write path: one product row plus its outbox row per
 * transaction, with no wake-up; with pg_notify inside the transaction; with a NOTIFY after
 * every commit (one in flight, one more after it: the previous release); and with the shipped
 * `CommitNotifier` (libs/outbox), at most one NOTIFY per `DEFAULT_NOTIFY_INTERVAL_MS`
 * (`BENCH_NOTIFY_INTERVAL_MS` overrides it for experiments).
 */
runWorker(async () => {
  const url = env('DATABASE_URL');
  const clients: Client[] = [];
  for (let i = 0; i < 16; i++) {
    const c = new Client({ connectionString: url, application_name: `bench-writer-${i}` });
    await c.connect();
    clients.push(c);
  }
  const notifyPool = new Pool({
    connectionString: url,
    max: 1,
    application_name: 'bench-writer-notify',
  });
  let k = 0;
  return {
    commands: {
      run: async ({
        writers,
        variant,
        durationMs,
      }: {
        writers: number;
        variant: WakeUpVariant;
        durationMs: number;
      }) => {
        const send = (): Promise<unknown> =>
          notifyPool.query(NOTIFY_SQL, ['outbox_messages_pending', '']);
        const shippedGap = Number(
          process.env.BENCH_NOTIFY_INTERVAL_MS ?? DEFAULT_NOTIFY_INTERVAL_MS,
        );
        const notifier = new CommitNotifier(send, variant === 'after-commit' ? shippedGap : 0);
        let commits = 0;
        let stop = false;
        const writer = async (client: Client): Promise<void> => {
          while (!stop) {
            const id = randomUUID();
            const n = ++k;
            const event = createCloudEvent({
              source: '/services/product',
              type: 'product.created',
              subject: id,
              aggregateVersion: 1,
              data: productSnapshot(id, n, 1),
            });
            await client.query('BEGIN');
            await client.query(
              `INSERT INTO "products" ("id", "sku", "name", "description", "price_cents", "currency",
                 "status", "version", "created_at", "updated_at", "updated_by")
               VALUES ($1, $2, $3, $4, $5, 'EUR', 'active', 1, now(), now(), 'bench')`,
              [id, `SKU-${n}`, `Bench product ${n}`, 'a product', 1000],
            );
            await client.query(
              `INSERT INTO "outbox_messages" ("event_id", "lane", "aggregate_type", "aggregate_id",
                 "aggregate_version", "event_type", "exchange", "routing_key", "payload")
               VALUES ($1, $2, 'product', $3, 1, 'product.created', 'product.events', 'product.created', $4)`,
              [event.id, laneFor('product', id), id, JSON.stringify(event)],
            );
            if (variant === 'in-transaction') {
              await client.query(`SELECT pg_notify('outbox_messages_pending', '')`);
            }
            await client.query('COMMIT');
            commits++;
            if (variant === 'after-commit' || variant === 'after-each-commit') notifier.notify();
          }
        };
        const started = nowMs();
        const running = clients.slice(0, writers).map(writer);
        await sleep(durationMs);
        stop = true;
        await Promise.all(running);
        const ms = nowMs() - started;
        notifier.stop();
        return { commits, ms, perSecond: (commits * 1000) / ms, notifies: notifier.sent };
      },
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.end()));
      await notifyPool.end();
    },
  };
});
