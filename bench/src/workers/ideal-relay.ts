import { Client } from 'pg';
import { sleep } from '../support/clock';
import { ConfirmingPublisher } from './amqp-publish';
import { env, runWorker } from './worker-kit';

interface Row {
  id: string;
  event_id: string;
  event_type: string;
  routing_key: string;
  body: string;
  headers: Record<string, unknown>;
  created_at: Date;
}

/**
 * (2) The ideal relay: the minimal correct loop, plain `pg` and `amqplib`. Claim a batch with
 * FOR UPDATE SKIP LOCKED, publish it on a confirm channel (mandatory), mark what the broker
 * acked, commit. No lanes, backoff, dead letters, wake-ups or status.
 */
runWorker(async () => {
  const batchSize = Number(process.env.BATCH_SIZE ?? 500);
  const client = new Client({
    connectionString: env('DATABASE_URL'),
    application_name: 'bench-ideal-relay',
  });
  await client.connect();
  const publisher = await ConfirmingPublisher.open(env('AMQP_URL'), 'bench-ideal-relay');
  let running = true;
  let published = 0;
  const loop = (async () => {
    while (running) {
      await client.query('BEGIN');
      const { rows } = await client.query<Row>(
        `SELECT "id", "event_id", "event_type", "routing_key", "payload"::text AS body, "headers", "created_at"
           FROM "outbox_messages"
          WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL
          ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) {
        await client.query('COMMIT');
        await sleep(20);
        continue;
      }
      const results = await Promise.allSettled(
        rows.map((r) =>
          publisher.publish(Buffer.from(r.body), {
            messageId: r.event_id,
            type: r.event_type,
            routingKey: r.routing_key,
            timestamp: Math.floor(r.created_at.getTime() / 1000),
            headers: r.headers,
          }),
        ),
      );
      const acked = rows.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.id);
      await client.query(
        `UPDATE "outbox_messages" SET "published_at" = now(), "attempts" = "attempts" + 1
          WHERE "id" = ANY($1::bigint[])`,
        [acked],
      );
      await client.query('COMMIT');
      published += acked.length;
    }
  })();
  return {
    commands: {
      status: () => Promise.resolve({ published }),
    },
    close: async () => {
      running = false;
      await loop;
      await publisher.close();
      await client.end();
    },
  };
});
