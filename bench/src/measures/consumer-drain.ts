import { randomUUID } from 'node:crypto';
import { type BenchContext, rotate, until, withDb } from '../support/context';
import { ConfirmingPublisher } from '../workers/amqp-publish';
import { benchProducts, productEvent } from '../support/payload';
import type { Worker } from '../support/processes';
import { median, round } from '../support/stats';

export interface DrainRun {
  consumer: 'catalog' | 'ideal';
  messages: number;
  /** First to last transaction start of the run's messages (the database's clock). */
  seconds: number;
  messagesPerSecond: number;
}

export interface DrainResults {
  messages: number;
  runs: DrainRun[];
  catalog: number;
  ideal: number;
  /** Median over rounds of catalog ÷ ideal, each round's two drains of the same messages. */
  catalogToIdeal: number;
}

export interface DrainSubjects {
  amqpUrl: string;
  catalogDb: string;
  idealDb: string;
  ideal: Worker;
  /** Stops the catalog app (SIGTERM) and returns a function that starts it again. */
  stopCatalog(): Promise<() => Promise<void>>;
}

/**
 * (5b) Consumer throughput from a backlog: with the catalog app stopped and the ideal consumer
 * paused, `messages` product updates are published once, so both queues hold the same backlog;
 * then each consumer drains its own, one after the other (rotated per round), alone on the
 * machine. Rate = messages ÷ (last − first transaction start), read from each inbox.
 */
export async function measureConsumerDrain(
  ctx: BenchContext,
  subjects: DrainSubjects,
): Promise<DrainResults> {
  const { config } = ctx;
  const messages = config.drainMessages;
  ctx.log(`(5b) consumer drain: ${messages} messages, catalog vs ideal consumer, alone each`);
  const products = benchProducts(500);
  const runs: DrainRun[] = [];
  const ratios: number[] = [];
  let version = 1;
  for (let rep = 0; rep < config.reps; rep++) {
    await subjects.ideal.call('pause', {});
    const startCatalog = await subjects.stopCatalog();
    const ids = await publishBacklog(subjects.amqpUrl, products, messages, () => version++);
    const round_: Partial<Record<DrainRun['consumer'], DrainRun>> = {};
    for (const consumer of rotate(['catalog', 'ideal'] as const, rep)) {
      if (consumer === 'catalog') {
        await startCatalog();
        round_.catalog = await drained(consumer, subjects.catalogDb, CATALOG_INBOX, ids);
      } else {
        await subjects.ideal.call('start', {});
        round_.ideal = await drained(consumer, subjects.idealDb, IDEAL_INBOX, ids);
      }
    }
    const catalog = round_.catalog as DrainRun;
    const ideal = round_.ideal as DrainRun;
    runs.push(catalog, ideal);
    ratios.push(catalog.messagesPerSecond / ideal.messagesPerSecond);
    ctx.log(
      `    round ${rep + 1}: catalog ${catalog.messagesPerSecond}/s, ideal ${ideal.messagesPerSecond}/s ` +
        `(${round(catalog.messagesPerSecond / ideal.messagesPerSecond, 2)}×)`,
    );
  }
  const rate = (consumer: DrainRun['consumer']): number =>
    median(runs.filter((r) => r.consumer === consumer).map((r) => r.messagesPerSecond));
  return {
    messages,
    runs,
    catalog: rate('catalog'),
    ideal: rate('ideal'),
    catalogToIdeal: round(median(ratios), 2),
  };
}

const CATALOG_INBOX = `SELECT count(*)::int AS n,
    extract(epoch FROM max("received_at") - min("received_at"))::float8 AS seconds
  FROM "inbox_messages" WHERE "message_id" = ANY($1::text[])`;
const IDEAL_INBOX = `SELECT count(*)::int AS n,
    extract(epoch FROM max("applied_at") - min("applied_at"))::float8 AS seconds
  FROM "bench_inbox" WHERE "event_id" = ANY($1::text[])`;

/** Publishes `count` updates over `products`, versions increasing; returns their event ids. */
async function publishBacklog(
  amqpUrl: string,
  products: ReturnType<typeof benchProducts>,
  count: number,
  nextVersion: () => number,
): Promise<string[]> {
  const publisher = await ConfirmingPublisher.open(amqpUrl, `bench-drain-${randomUUID()}`);
  const ids: string[] = [];
  try {
    for (let start = 0; start < count; start += 1000) {
      const chunk = Math.min(1000, count - start);
      const events = Array.from({ length: chunk }, (_, i) => {
        const p = products[(start + i) % products.length];
        return productEvent(p.id, p.k, nextVersion());
      });
      await Promise.all(
        events.map((e) =>
          publisher.publish(Buffer.from(JSON.stringify(e)), { messageId: e.id, type: e.type }),
        ),
      );
      ids.push(...events.map((e) => e.id));
    }
  } finally {
    await publisher.close();
  }
  return ids;
}

async function drained(
  consumer: DrainRun['consumer'],
  db: string,
  sql: string,
  ids: string[],
): Promise<DrainRun> {
  const done = await withDb(db, (c) =>
    until(
      async () => {
        const { rows } = await c.query<{ n: number; seconds: number }>(sql, [ids]);
        return rows[0].n === ids.length ? rows[0] : undefined;
      },
      `the ${consumer} consumer to drain ${ids.length} messages`,
      300_000,
      200,
    ),
  );
  return {
    consumer,
    messages: ids.length,
    seconds: round(done.seconds, 3),
    messagesPerSecond: Math.round(ids.length / done.seconds),
  };
}
