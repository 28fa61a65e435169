import type { Client } from 'pg';
import { outboxTableDdl } from '@app/outbox';
import type { Sink, DrainObservation } from '../support/broker';
import { type BenchContext, rotate, until, withDb } from '../support/context';
import { benchProducts, prefillOurOutbox, type BenchProduct } from '../support/payload';
import { CpuMeter, RssSampler, Service, Worker } from '../support/processes';
import { median, round } from '../support/stats';

export interface DrainRun extends DrainObservation {
  backlog: number;
  /** CPU during the drain, % of one core: the contender, the whole PostgreSQL and RabbitMQ servers. */
  cpu?: Record<string, number>;
  rss?: { startMiB: number; maxMiB: number; endMiB: number; samples: { t: number; mib: number }[] };
}

export interface Series {
  runs: DrainRun[];
  /** Median events (or messages) per second. */
  perSecond: number;
}

export interface RelayResults {
  bodyBytes: number;
  ceiling: Series & { workerPerSecond: number };
  ideal: Series;
  ours1: Series;
  ours2: Series;
  ratios: Record<string, number>;
  /** (8) ours ×1 per backlog size, with the ideal relay draining the same size beside it. */
  memory: Record<
    string,
    Series & {
      rssStartMiB: number;
      rssMaxMiB: number;
      rssEndMiB: number;
      idealPerSecond: number;
      ratioToIdeal: number;
    }
  >;
}

export async function outboxDatabase(ctx: BenchContext, name: string): Promise<string> {
  const url = await ctx.world.database(name);
  await withDb(url, async (c) => {
    for (const sql of outboxTableDdl()) await c.query(sql);
    await c.query(
      `CREATE TABLE "bench_items" ("id" uuid PRIMARY KEY, "name" text NOT NULL, "version" int NOT NULL)`,
    );
  });
  return url;
}

function series<T extends DrainRun>(runs: T[]): Series & { runs: T[] } {
  return { runs, perSecond: round(median(runs.map((r) => r.perSecond)), 0) };
}

/** Paired ratio: the median over rounds of a/b measured in the same round. */
export function pairedRatio(a: { perSecond: number }[], b: { perSecond: number }[]): number {
  const n = Math.min(a.length, b.length);
  return round(median(Array.from({ length: n }, (_, i) => a[i].perSecond / b[i].perSecond)), 3);
}

interface Contender {
  name: string;
  url: string;
  pids: () => number[];
}

/** Waits until `count` relay LISTEN connections are up on the contender's database. */
async function relaysListening(client: Client, count: number): Promise<void> {
  await until(async () => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'outbox-relay-listener%'`,
    );
    return Number(rows[0].n) >= count;
  }, `${count} relay(s) listening`);
}

async function drainOnce(
  sink: Sink,
  contender: Contender,
  products: BenchProduct[],
  backlog: number,
  sampleRss: boolean,
): Promise<DrainRun> {
  return withDb(contender.url, async (client) => {
    await sink.purge();
    await prefillOurOutbox(client, products, backlog);
    // Fresh statistics for every contender: on stale ones (an empty table when last analyzed) the
    // plain ORDER BY id LIMIT … FOR UPDATE SKIP LOCKED plans a sort of every pending row.
    await client.query('ANALYZE "outbox_messages"');
    const sampler = sampleRss ? new RssSampler(contender.pids(), 200) : undefined;
    // The wake-up Outbox sends after a commit; the ideal relay polls every 20 ms instead.
    const cpu = new CpuMeter({ relay: contender.pids() });
    await client.query(`SELECT pg_notify('outbox_messages_pending', '')`);
    const observed = await sink.watchDrain(backlog, { timeoutMs: 1_800_000 });
    const cpuUse = cpu.stop();
    await until(async () => {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM "outbox_messages" WHERE "published_at" IS NULL`,
      );
      return rows[0].n === '0';
    }, `${contender.name}: every row marked`);
    const samples = sampler?.stop();
    await client.query('TRUNCATE "outbox_messages"');
    const run: DrainRun = { ...observed, backlog, cpu: cpuUse };
    if (samples && samples.length) {
      const mibs = samples.map((s) => s.mib);
      run.rss = {
        startMiB: round(mibs[0]),
        maxMiB: round(Math.max(...mibs)),
        endMiB: round(mibs[mibs.length - 1]),
        samples,
      };
    }
    return run;
  });
}

/** (1) ceiling, (2) ideal relay, (3) our relay with one and two instances, (8) backlog series and RSS. */
export async function measureRelays(
  ctx: BenchContext,
  sink: Sink,
  amqpUrl: string,
): Promise<RelayResults> {
  const { config } = ctx;
  const products = benchProducts(config.aggregates);
  const idealUrl = await outboxDatabase(ctx, 'ideal');
  const ours1Url = await outboxDatabase(ctx, 'ours1');
  const ours2Url = await outboxDatabase(ctx, 'ours2');
  const relayEnv = (url: string): Record<string, string> => ({
    PRODUCT_DATABASE_URL: url,
    AMQP_URL: amqpUrl,
  });
  const ceilingWorker = await Worker.start('ceiling', { AMQP_URL: amqpUrl }, 'ceiling');
  const ideal = await Worker.start(
    'ideal-relay',
    { DATABASE_URL: idealUrl, AMQP_URL: amqpUrl },
    'ideal-relay',
  );
  const ours1 = await Service.start(
    'apps/product/src/relay.js',
    relayEnv(ours1Url),
    'our-relay-single',
  );
  const ours2 = [
    await Service.start('apps/product/src/relay.js', relayEnv(ours2Url), 'our-relay-pair-a'),
    await Service.start('apps/product/src/relay.js', relayEnv(ours2Url), 'our-relay-pair-b'),
  ];
  let bodyBytes = 0;
  const ceilingRun = async (): Promise<DrainRun & { workerPerSecond: number }> => {
    await sink.purge();
    const watching = sink.watchDrain(config.ceilingMessages);
    const w = await ceilingWorker.call<{ ms: number; bodyBytes: number }>('publish', {
      count: config.ceilingMessages,
      window: config.confirmWindow,
    });
    bodyBytes = w.bodyBytes;
    const observed = await watching;
    await sink.purge();
    return {
      ...observed,
      backlog: config.ceilingMessages,
      workerPerSecond: round((config.ceilingMessages * 1000) / w.ms, 0),
    };
  };
  try {
    await withDb(ours1Url, (c) => relaysListening(c, 1));
    await withDb(ours2Url, (c) => relaysListening(c, 2));
    const contenders: Contender[] = [
      { name: 'ideal', url: idealUrl, pids: () => [ideal.pid] },
      { name: 'ours1', url: ours1Url, pids: () => [ours1.pid] },
      { name: 'ours2', url: ours2Url, pids: () => ours2.map((s) => s.pid) },
    ];
    const runs: Record<string, DrainRun[]> = { ideal: [], ours1: [], ours2: [] };
    const ceilingRuns: (DrainRun & { workerPerSecond: number })[] = [];
    ctx.log(
      `(1)(2)(3) ceiling (${config.ceilingMessages} msgs, window ${config.confirmWindow}), ideal relay, ` +
        `ours x1, ours x2 (backlog ${config.backlog} rows over ${config.aggregates} aggregates), ${config.reps} rounds`,
    );
    for (let rep = 0; rep < config.reps; rep++) {
      for (const name of rotate(['ceiling', 'ideal', 'ours1', 'ours2'], rep)) {
        if (name === 'ceiling') {
          const run = await ceilingRun();
          ceilingRuns.push(run);
          ctx.log(`    round ${rep + 1} ceiling: ${round(run.perSecond, 0)} msg/s`);
          continue;
        }
        const contender = contenders.find((c) => c.name === name)!;
        const run = await drainOnce(sink, contender, products, config.backlog, true);
        runs[name].push(run);
        ctx.log(
          `    round ${rep + 1} ${name}: ${round(run.perSecond, 0)} events/s; CPU % ` +
            Object.entries(run.cpu ?? {})
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
        );
      }
    }
    await ceilingWorker.stop();

    const memory: RelayResults['memory'] = {};
    for (const size of config.memoryBacklogs) {
      let sizeRuns: DrainRun[];
      let idealRuns: DrainRun[];
      if (size === config.backlog) {
        sizeRuns = runs.ours1;
        idealRuns = runs.ideal;
      } else {
        const reps = size >= 1_000_000 ? config.repsLarge : config.reps;
        ctx.log(
          `(8) ours x1 and the ideal relay draining ${size} rows (${reps} rounds), RSS sampled every 200 ms`,
        );
        sizeRuns = [];
        idealRuns = [];
        for (let rep = 0; rep < reps; rep++) {
          for (const name of rotate(['ideal', 'ours1'], rep)) {
            const contender = contenders.find((c) => c.name === name)!;
            const run = await drainOnce(sink, contender, products, size, true);
            (name === 'ideal' ? idealRuns : sizeRuns).push(run);
            ctx.log(
              `    round ${rep + 1} ${name}: ${round(run.perSecond, 0)} events/s, RSS max ${run.rss?.maxMiB} MiB`,
            );
          }
        }
      }
      memory[String(size)] = {
        ...series(sizeRuns),
        rssStartMiB: round(median(sizeRuns.map((r) => r.rss?.startMiB ?? Number.NaN))),
        rssMaxMiB: round(median(sizeRuns.map((r) => r.rss?.maxMiB ?? Number.NaN))),
        rssEndMiB: round(median(sizeRuns.map((r) => r.rss?.endMiB ?? Number.NaN))),
        idealPerSecond: series(idealRuns).perSecond,
        ratioToIdeal: pairedRatio(sizeRuns, idealRuns),
      };
    }

    const ceiling = {
      ...series(ceilingRuns),
      workerPerSecond: median(ceilingRuns.map((r) => r.workerPerSecond)),
    };
    return {
      bodyBytes,
      ceiling,
      ideal: series(runs.ideal),
      ours1: series(runs.ours1),
      ours2: series(runs.ours2),
      ratios: {
        idealToCeiling: pairedRatio(runs.ideal, ceilingRuns),
        ours1ToCeiling: pairedRatio(runs.ours1, ceilingRuns),
        ours1ToIdeal: pairedRatio(runs.ours1, runs.ideal),
        ours2ToIdeal: pairedRatio(runs.ours2, runs.ideal),
        ours2ToOurs1: pairedRatio(runs.ours2, runs.ours1),
      },
      memory,
    };
  } finally {
    await Promise.all([
      ceilingWorker.stop(),
      ideal.stop(),
      ours1.stop(),
      ...ours2.map((s) => s.stop()),
    ]);
  }
}
