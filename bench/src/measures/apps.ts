import * as amqp from 'amqplib';
import { freePort } from '@app/testing';
import { DESCRIPTION } from '../support/payload';
import { type BenchContext, rotate, until, withDb } from '../support/context';
import { CpuMeter, Service, Worker } from '../support/processes';
import { type DecommissionWatch, watchDecommissions } from '../support/decommission-watch';
import type { DecommissionRecord } from '../workers/latency-record';
import { measureConsumerDrain, type DrainResults } from './consumer-drain';
import { measureConditionalGets, type HttpResults } from './http-conditional';
import {
  latencySummary,
  median,
  medianSummary,
  round,
  type LatencySummary,
} from '../support/stats';

export interface MirrorRun {
  rate: number;
  scheduled: number;
  lost: number;
  /** commit mode: COMMIT returned → mirror row visible; http mode: response received → mirror row visible. */
  fromCommit: LatencySummary;
  /** from the scheduled send (open loop) → mirror row visible. */
  fromSchedule: LatencySummary;
  errors: number;
  /** Up to five distinct reasons of those errors (HTTP status or request failure). */
  errorSamples: string[];
  /** Where the time goes: outbox row's transaction start → the relay batch that claimed it (DB clock). */
  txStartToClaim: LatencySummary;
  /** that relay batch's start → mirror row visible. */
  claimToMirror: LatencySummary;
  /**
   * The same events at the ideal consumer (its own queue on the same exchange, running beside the
   * catalog): from the same commit or response to its mirror row visible.
   */
  ideal: LatencySummary;
  /** Catalog ÷ ideal consumer, p50 and p99 of this run. */
  toIdeal: { p50: number; p99: number };
  /** CPU while the run was sent and absorbed, % of one core per process group. */
  cpu: Record<string, number>;
}

export interface MirrorSeries {
  runs: MirrorRun[];
  fromCommit: LatencySummary;
  fromSchedule: LatencySummary;
  txStartToClaim: LatencySummary;
  claimToMirror: LatencySummary;
  ideal: LatencySummary;
  /** Medians over runs of the paired catalog ÷ ideal ratios. */
  toIdeal: { p50: number; p99: number };
}

export interface AppResults {
  mirror: Record<'commit' | 'http', Record<string, MirrorSeries>>;
  /** (5b) consumer throughput from a backlog, catalog vs ideal consumer. */
  drain: DrainResults;
  http: HttpResults;
}

async function createProducts(url: string, count: number): Promise<string[]> {
  return withDb(url, async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO "products" ("id", "sku", "name", "description", "price_cents", "currency", "status",
         "decommission_reason", "version", "created_at", "updated_at", "updated_by")
       SELECT gen_random_uuid(), 'BENCH-' || g, 'Bench product ' || g, $1, 1000 + g % 1000, 'EUR',
              'active', NULL, 1, now(), now(), 'bench'
         FROM generate_series(1, $2::int) g
       RETURNING "id"`,
      [DESCRIPTION, count],
    );
    return rows.map((r) => r.id);
  });
}

async function consumerWired(amqpUrl: string, queue: string): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  // checkQueue on a queue the app has not declared yet closes the channel with a 404; amqplib
  // also emits that on the connection, which would kill the bench without these listeners.
  connection.on('error', () => undefined);
  try {
    await until(
      async () => {
        const channel = await connection.createChannel();
        channel.on('error', () => undefined);
        try {
          return (await channel.checkQueue(queue)).consumerCount > 0;
        } catch {
          return false;
        } finally {
          await channel.close().catch(() => undefined);
        }
      },
      `a consumer on ${queue}`,
      60_000,
      100,
    );
  } finally {
    await connection.close();
  }
}

/** (5) decommission → catalog mirror latency at fixed arrival rates, and (6) GET 200 vs 304. */
export async function measureApps(ctx: BenchContext): Promise<AppResults> {
  const { config, world } = ctx;
  const amqpUrl = await world.vhost('apps');
  const productDb = await world.database('product');
  const catalogDb = await world.database('catalog');
  const productPort = await freePort();
  const catalogPort = await freePort();
  const product = await Service.start(
    'apps/product/src/main.js',
    {
      PRODUCT_PORT: String(productPort),
      PRODUCT_DATABASE_URL: productDb,
      AMQP_URL: amqpUrl,
      HOST: '127.0.0.1',
    },
    'product',
    { url: `http://127.0.0.1:${productPort}/health` },
  );
  const startCatalog = (): Promise<Service> =>
    Service.start(
      'apps/catalog/src/main.js',
      {
        CATALOG_PORT: String(catalogPort),
        CATALOG_DATABASE_URL: catalogDb,
        AMQP_URL: amqpUrl,
        HOST: '127.0.0.1',
      },
      'catalog',
      { url: `http://127.0.0.1:${catalogPort}/health` },
    );
  let catalog = await startCatalog();
  const idealDb = await world.database('ideal_consumer');
  const productUrl = `http://127.0.0.1:${productPort}`;
  const workers: Worker[] = [];
  const watches: DecommissionWatch[] = [];
  try {
    await consumerWired(amqpUrl, 'catalog.product');
    const ideal = await Worker.start(
      'ideal-consumer',
      { DATABASE_URL: idealDb, AMQP_URL: amqpUrl, QUEUE: 'ideal.product' },
      'ideal-consumer',
    );
    workers.push(ideal);
    // Each mirror row is visible when its transaction commits; NOTIFY is delivered exactly then.
    watches.push(await watchDecommissions(catalogDb, 'product_mirror'));
    watches.push(await watchDecommissions(idealDb, 'bench_mirror'));
    const [{ seen }, { seen: idealSeen }] = watches;

    const perRun = (rate: number): number => Math.floor((rate * config.mirrorRunMs) / 1000);
    // Warm-up: one second at the highest rate in each mode, discarded. With less (50 ops at
    // 100/s), the first measured 500/s run came out 2-4x worse than the others (JIT, caches,
    // pools and the consumer's connections still growing).
    const warmupRate = Math.max(...config.mirrorRates);
    const warmup = warmupRate;
    const total =
      2 * warmup + 2 * config.reps * config.mirrorRates.reduce((s, r) => s + perRun(r), 0);
    const ids = await createProducts(productDb, total + 1);
    const httpProduct = ids.pop() as string;
    let next = 0;
    const take = (n: number): string[] => ids.slice(next, (next += n));

    const commitWriter = await Worker.start(
      'mirror-writer',
      { DATABASE_URL: productDb },
      'mirror-writer',
    );
    workers.push(commitWriter);
    const httpWriter = await Worker.start(
      'http-writer',
      { PRODUCT_URL: productUrl },
      'http-writer',
    );
    workers.push(httpWriter);

    const runOnce = async (
      mode: 'commit' | 'http',
      rate: number,
      count: number,
    ): Promise<MirrorRun> => {
      const batch = take(count);
      const durationMs = (count * 1000) / rate;
      const cpu = new CpuMeter({
        product: [product.pid],
        catalog: [catalog.pid],
        ideal: [ideal.pid],
        writer: [mode === 'commit' ? commitWriter.pid : httpWriter.pid],
      });
      let records: DecommissionRecord[];
      if (mode === 'commit') {
        records = await commitWriter.call('run', { ids: batch, rate, durationMs });
      } else {
        records = await httpWriter.call('run', { ids: batch, rate, durationMs });
      }
      const succeeded = (r: DecommissionRecord): boolean =>
        r.status === undefined || r.status === 200;
      const ok = records.filter(succeeded);
      await until(
        () => Promise.resolve(ok.every((r) => seen.has(r.id) && idealSeen.has(r.id)) || undefined),
        'both mirrors to show every decommission',
        config.latencyWaitMs * 2,
        20,
      ).catch(() => undefined);
      const cpuUse = cpu.stop();
      const arrived = ok.filter((r) => seen.has(r.id));
      const at = (r: { id: string }): number => seen.get(r.id) as number;
      const start = (r: DecommissionRecord): number => r.committedAt ?? r.respondedAt ?? Number.NaN;
      const fromCommit = latencySummary(arrived.map((r) => at(r) - start(r)));
      const idealLatency = latencySummary(
        ok
          .filter((r) => idealSeen.has(r.id))
          .map((r) => (idealSeen.get(r.id) as number) - start(r)),
      );
      const stamps = await withDb(productDb, async (c) => {
        const { rows } = await c.query<{ id: string; created: number; published: number }>(
          `SELECT "aggregate_id" AS id, extract(epoch FROM "created_at") * 1000 AS created,
                  extract(epoch FROM "published_at") * 1000 AS published
             FROM "outbox_messages"
            WHERE "aggregate_id" = ANY($1::text[]) AND "event_type" = 'product.decommissioned'`,
          [arrived.map((r) => r.id)],
        );
        return rows;
      });
      return {
        cpu: cpuUse,
        txStartToClaim: latencySummary(stamps.map((s) => Number(s.published) - Number(s.created))),
        claimToMirror: latencySummary(
          stamps
            .filter((s) => seen.has(s.id))
            .map((s) => (seen.get(s.id) as number) - Number(s.published)),
        ),
        rate,
        scheduled: count,
        lost: ok.length - arrived.length,
        errors: records.length - ok.length,
        errorSamples: [
          ...new Set(
            records.filter((r) => !succeeded(r)).map((r) => r.error ?? `HTTP ${String(r.status)}`),
          ),
        ].slice(0, 5),
        fromCommit,
        ideal: idealLatency,
        toIdeal: {
          p50: round(fromCommit.p50 / idealLatency.p50, 2),
          p99: round(fromCommit.p99 / idealLatency.p99, 2),
        },
        fromSchedule: latencySummary(arrived.map((r) => at(r) - r.scheduledAt)),
      };
    };

    ctx.log(
      `(5) decommission → mirror, rates ${config.mirrorRates.join(' and ')} ops/s, ${config.mirrorRunMs} ms per run`,
    );
    await runOnce('commit', warmupRate, warmup);
    await runOnce('http', warmupRate, warmup);
    const mirror: AppResults['mirror'] = { commit: {}, http: {} };
    for (let rep = 0; rep < config.reps; rep++) {
      for (const rate of config.mirrorRates) {
        for (const mode of rotate(['commit', 'http'] as const, rep)) {
          const run = await runOnce(mode, rate, perRun(rate));
          const slot = (mirror[mode][String(rate)] ??= {
            runs: [],
            fromCommit: latencySummary([]),
            fromSchedule: latencySummary([]),
            txStartToClaim: latencySummary([]),
            claimToMirror: latencySummary([]),
            ideal: latencySummary([]),
            toIdeal: { p50: Number.NaN, p99: Number.NaN },
          });
          slot.runs.push(run);
          ctx.log(
            `    round ${rep + 1} ${mode} @${rate}/s: from ${mode === 'commit' ? 'commit' : 'response'} p50 ` +
              `${round(run.fromCommit.p50)} p99 ${round(run.fromCommit.p99)} ms; from schedule p99 ` +
              `${round(run.fromSchedule.p99)} ms; lost ${run.lost}, errors ${run.errors}; ` +
              `ideal consumer p50 ${round(run.ideal.p50)} p99 ${round(run.ideal.p99)} ms ` +
              `(${run.toIdeal.p50}× / ${run.toIdeal.p99}×); ` +
              `tx start → claim p50 ${round(run.txStartToClaim.p50)}, claim → mirror p50 ${round(run.claimToMirror.p50)}; ` +
              `CPU % ${Object.entries(run.cpu)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
          );
        }
      }
    }
    for (const mode of ['commit', 'http'] as const) {
      for (const slot of Object.values(mirror[mode])) {
        slot.fromCommit = medianSummary(slot.runs.map((r) => r.fromCommit));
        slot.fromSchedule = medianSummary(slot.runs.map((r) => r.fromSchedule));
        slot.txStartToClaim = medianSummary(slot.runs.map((r) => r.txStartToClaim));
        slot.claimToMirror = medianSummary(slot.runs.map((r) => r.claimToMirror));
        slot.ideal = medianSummary(slot.runs.map((r) => r.ideal));
        slot.toIdeal = {
          p50: round(median(slot.runs.map((r) => r.toIdeal.p50)), 2),
          p99: round(median(slot.runs.map((r) => r.toIdeal.p99)), 2),
        };
      }
    }

    const drain = await measureConsumerDrain(ctx, {
      amqpUrl,
      catalogDb,
      idealDb,
      ideal,
      stopCatalog: async () => {
        await catalog.stop();
        return async () => {
          catalog = await startCatalog();
        };
      },
    });

    const http = await measureConditionalGets(ctx, `${productUrl}/products/${httpProduct}`);
    return { mirror, drain, http };
  } finally {
    await Promise.all(watches.map((w) => w.close()));
    await Promise.all(workers.map((w) => w.stop()));
    await product.stop();
    await catalog.stop();
  }
}
