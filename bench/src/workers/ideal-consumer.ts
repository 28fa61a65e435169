import * as amqp from 'amqplib';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { Pool } from 'pg';
import { EXCHANGE } from '../support/payload';
import { env, runWorker } from './worker-kit';

/** What the ideal consumer keeps: its inbox and its mirror, in a database of its own. */
export const IDEAL_CONSUMER_DDL = `
  CREATE TABLE IF NOT EXISTS "bench_inbox" (
    "event_id" text PRIMARY KEY,
    "applied_at" timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS "bench_mirror" (
    "id" uuid PRIMARY KEY,
    "version" bigint NOT NULL,
    "status" text NOT NULL,
    "data" jsonb NOT NULL
  )`;

interface Envelope {
  id: string;
  subject: string;
  aggregateversion: number;
  data: { status: string };
}

/**
 * The ideal consumer: the minimal correct consumer of one queue on the product events, plain
 * `pg` and `amqplib`, with the catalog's defaults (prefetch 50, up to 20 messages a transaction,
 * 4 transactions at a time). A transaction inserts the inbox rows of what is buffered and upserts
 * the mirror rows whose version is newer, then the messages are acked. No envelope or contract
 * checks, retries, dead letters, tombstones, metrics or traces: the floor our consumer is
 * measured against.
 */
runWorker(async () => {
  const queue = env('QUEUE');
  const prefetch = Number(process.env.PREFETCH ?? 50);
  const batchSize = Number(process.env.BATCH_SIZE ?? 20);
  const transactions = Number(process.env.TRANSACTIONS ?? 4);
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: transactions });
  pool.on('error', () => undefined);
  await pool.query(IDEAL_CONSUMER_DDL);
  const connection: ChannelModel = await amqp.connect(env('AMQP_URL'), {
    clientProperties: { connection_name: 'bench-ideal-consumer' },
  });
  const channel: Channel = await connection.createChannel();
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(queue, EXCHANGE, '#');
  await channel.prefetch(prefetch);

  const buffer: ConsumeMessage[] = [];
  let inFlight = 0;
  let applied = 0;
  let consumerTag: string | undefined;

  const apply = async (batch: ConsumeMessage[]): Promise<void> => {
    const events = batch.map((m) => JSON.parse(m.content.toString()) as Envelope);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ event_id: string }>(
        `INSERT INTO "bench_inbox" ("event_id") SELECT unnest($1::text[])
         ON CONFLICT DO NOTHING RETURNING "event_id"`,
        [events.map((e) => e.id)],
      );
      const fresh = new Set(rows.map((r) => r.event_id));
      const newest = new Map<string, Envelope>();
      for (const e of events) {
        const seen = newest.get(e.subject);
        if (fresh.has(e.id) && (!seen || seen.aggregateversion < e.aggregateversion)) {
          newest.set(e.subject, e);
        }
      }
      const upserts = [...newest.values()];
      if (upserts.length > 0) {
        await client.query(
          `INSERT INTO "bench_mirror" AS m ("id", "version", "status", "data")
           SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::jsonb[])
           ON CONFLICT ("id") DO UPDATE
              SET "version" = EXCLUDED."version", "status" = EXCLUDED."status",
                  "data" = EXCLUDED."data"
            WHERE m."version" < EXCLUDED."version"`,
          [
            upserts.map((e) => e.subject),
            upserts.map((e) => e.aggregateversion),
            upserts.map((e) => e.data.status),
            upserts.map((e) => JSON.stringify(e.data)),
          ],
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    for (const m of batch) channel.ack(m);
    applied += batch.length;
  };

  const pump = (): void => {
    while (inFlight < transactions && buffer.length > 0) {
      const batch = buffer.splice(0, batchSize);
      inFlight++;
      apply(batch).then(
        () => {
          inFlight--;
          pump();
        },
        (err: unknown) => {
          console.error('ideal consumer batch failed', err);
          for (const m of batch) channel.nack(m, false, true);
          inFlight--;
          pump();
        },
      );
    }
  };

  const start = async (): Promise<void> => {
    if (consumerTag) return;
    consumerTag = (
      await channel.consume(queue, (m) => {
        if (!m) return;
        buffer.push(m);
        pump();
      })
    ).consumerTag;
  };
  const pause = async (): Promise<void> => {
    if (!consumerTag) return;
    await channel.cancel(consumerTag);
    consumerTag = undefined;
    while (inFlight > 0 || buffer.length > 0) await new Promise((r) => setTimeout(r, 5));
  };

  await start();
  return {
    commands: {
      start,
      pause,
      status: () => Promise.resolve({ applied }),
    },
    close: async () => {
      await pause().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await pool.end();
    },
  };
});
