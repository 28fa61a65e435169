import type { Client } from 'pg';
import { DatabaseSetup } from 'pg-transactional-outbox';
import type { Sink } from '../support/broker';
import { sleep } from '../support/clock';
import { type BenchContext, rotate, until, withDb } from '../support/context';
import {
  benchProducts,
  prefillNestjsOutbox,
  prefillPgTransactionalOutbox,
  type BenchProduct,
} from '../support/payload';
import { Worker } from '../support/processes';
import {
  latencySummary,
  median,
  medianSummary,
  round,
  type LatencySummary,
} from '../support/stats';
import type { WriteRecord } from '../workers/latency-record';
import { outboxDatabase, type DrainRun } from './relays';

export interface Peer {
  name: string;
  worker: string;
  url: string;
  env: Record<string, string>;
  table: string;
  prefill(client: Client, products: BenchProduct[], n: number): Promise<void>;
  reset(client: Client): Promise<void>;
}

export interface LatencyRun extends LatencySummary {
  /** Written and committed, but not published within the wait (`latencyWaitMs`). */
  lost: number;
}

export interface PeerResults {
  drain: Record<string, { runs: DrainRun[]; perSecond: number }>;
  latency: Record<string, { runs: LatencyRun[]; median: LatencySummary }>;
  ratios: Record<string, number>;
}

async function nestjsDatabase(ctx: BenchContext): Promise<string> {
  const url = await ctx.world.database('nestjs_outbox');
  await withDb(url, (c) =>
    c.query(
      `CREATE TABLE "bench_items" ("id" uuid PRIMARY KEY, "name" text NOT NULL, "version" int NOT NULL)`,
    ),
  );
  return url;
}

/** The schema pg-transactional-outbox's DatabaseSetup generates for a polling outbox. */
async function pgTransactionalDatabase(ctx: BenchContext): Promise<string> {
  const url = await ctx.world.database('pg_transactional_outbox');
  const setup = {
    outboxOrInbox: 'outbox' as const,
    database: url.split('/').pop() ?? '',
    schema: 'public',
    table: 'outbox',
    listenerRole: 'postgres',
    nextMessagesName: 'next_outbox_messages',
  };
  await withDb(url, async (c) => {
    await c.query(DatabaseSetup.dropAndCreateTable(setup));
    await c.query(DatabaseSetup.createPollingFunction(setup));
    await c.query(DatabaseSetup.setupPollingIndexes(setup));
    await c.query(
      `CREATE TABLE "bench_items" ("id" uuid PRIMARY KEY, "name" text NOT NULL, "version" int NOT NULL)`,
    );
  });
  return url;
}

/**
 * The two peers as the bench runs them: their databases (created here), worker, table and
 * backlog prefill. Settings come from the environment: `PEER_BATCH` and `PEER_POLL_MS` (the
 * poll interval defaults to the bench's `peerPollMs`; the batch to each README's example).
 */
export function peerDefinitions(ctx: BenchContext, amqpUrl: string): Promise<Peer[]> {
  // One set of databases per run, shared by the peers' measures (4) and the tuned sweep (4b).
  let peers = definedPeers.get(ctx.world);
  if (!peers) {
    peers = definePeers(ctx, amqpUrl);
    definedPeers.set(ctx.world, peers);
  }
  return peers;
}

const definedPeers = new WeakMap<object, Promise<Peer[]>>();

async function definePeers(ctx: BenchContext, amqpUrl: string): Promise<Peer[]> {
  const { config } = ctx;
  const common = { AMQP_URL: amqpUrl, PEER_POLL_MS: String(config.peerPollMs) };
  const nestUrl = await nestjsDatabase(ctx);
  const pgtxUrl = await pgTransactionalDatabase(ctx);
  return [
    {
      name: 'nestjsOutbox',
      worker: 'nestjs-outbox-peer',
      url: nestUrl,
      env: { ...common, DATABASE_URL: nestUrl },
      table: 'outbox_transport_event',
      prefill: prefillNestjsOutbox,
      reset: async (c) => {
        await c.query('TRUNCATE "outbox_transport_event"').catch(() => undefined);
      },
    },
    {
      name: 'pgTransactionalOutbox',
      worker: 'pg-transactional-outbox-peer',
      url: pgtxUrl,
      env: { ...common, DATABASE_URL: pgtxUrl },
      table: 'outbox',
      prefill: prefillPgTransactionalOutbox,
      reset: async (c) => {
        await c.query('TRUNCATE "outbox"');
      },
    },
  ];
}

/** Runs open-loop writes in `worker` and matches each commit with the message's arrival at the sink. */
export async function latencyRun(
  sink: Sink,
  worker: Worker,
  arrivals: Map<string, number>,
  rate: number,
  durationMs: number,
  waitMs: number,
): Promise<LatencyRun> {
  const records = await worker.call<WriteRecord[]>('write', { rate, durationMs });
  await until(
    () => {
      sink.assertAlive();
      return Promise.resolve(records.every((r) => arrivals.has(r.eventId)) || undefined);
    },
    'every written event to arrive',
    waitMs,
    20,
  ).catch(() => sink.assertAlive());
  const latencies = records
    .filter((r) => arrivals.has(r.eventId))
    .map((r) => (arrivals.get(r.eventId) as number) - r.committedAt);
  return { ...latencySummary(latencies), lost: records.length - latencies.length };
}

/** (4) Peers draining the same backlog and their commit → publish latency, against ours. */
export async function measurePeers(
  ctx: BenchContext,
  sink: Sink,
  amqpUrl: string,
  oursDrain: { runs: DrainRun[]; perSecond: number },
): Promise<PeerResults> {
  const { config } = ctx;
  const products = benchProducts(config.aggregates);
  const peers = await peerDefinitions(ctx, amqpUrl);

  const drain: PeerResults['drain'] = { ours1: oursDrain };
  for (const peer of peers) {
    ctx.log(
      `(4) ${peer.name} draining ${config.backlog} rows, measured over ${config.peerDrainCapMs} ms`,
    );
    const runs: DrainRun[] = [];
    for (let rep = 0; rep < config.reps; rep++) {
      // A fresh process per run: the peers cannot be paused, and rows deleted under a running
      // peer can be written back by its flush (TypeORM save).
      const worker = await Worker.start(peer.worker, peer.env, `${peer.name}-drain-${rep + 1}`);
      try {
        await sink.purge();
        await withDb(peer.url, async (c) => {
          await peer.prefill(c, products, config.backlog);
          await c.query(`ANALYZE "${peer.table}"`);
        });
        const observed = await sink.watchDrain(config.backlog, {
          capMs: config.peerDrainCapMs,
          timeoutMs: 120_000,
        });
        runs.push({ ...observed, backlog: config.backlog });
        ctx.log(
          `    run ${rep + 1}: ${round(observed.perSecond, 0)} events/s (${observed.arrived} arrived)`,
        );
      } finally {
        await worker.stop();
        await withDb(peer.url, (c) => peer.reset(c));
        await sleep(200);
        await sink.purge();
      }
    }
    drain[peer.name] = { runs, perSecond: round(median(runs.map((r) => r.perSecond)), 0) };
  }

  ctx.log(
    `(4) commit → publish latency: ${config.peerLatencyRate} writes/s for ${config.peerLatencyMs} ms per run, ` +
      `ours, nestjs-outbox, pg-transactional-outbox`,
  );
  const ourUrl = await outboxDatabase(ctx, 'our_writer');
  const writers: { name: string; worker: Worker }[] = [
    {
      name: 'ours',
      worker: await Worker.start(
        'our-writer',
        { DATABASE_URL: ourUrl, AMQP_URL: amqpUrl },
        'our-writer',
      ),
    },
  ];
  for (const peer of peers) {
    writers.push({
      name: peer.name,
      worker: await Worker.start(peer.worker, peer.env, `${peer.name}-latency`),
    });
  }
  const latency: PeerResults['latency'] = {};
  const tap = await sink.tap();
  try {
    for (const w of writers) {
      // Warm-up: connections, JIT; not measured.
      await latencyRun(sink, w.worker, tap.arrivals, config.peerLatencyRate, 500, 1_000);
      latency[w.name] = { runs: [], median: latencySummary([]) };
    }
    for (let rep = 0; rep < config.reps; rep++) {
      for (const w of rotate(writers, rep)) {
        const run = await latencyRun(
          sink,
          w.worker,
          tap.arrivals,
          config.peerLatencyRate,
          config.peerLatencyMs,
          config.latencyWaitMs,
        );
        latency[w.name].runs.push(run);
        ctx.log(
          `    round ${rep + 1} ${w.name}: p50 ${round(run.p50)} ms, p99 ${round(run.p99)} ms, lost ${run.lost}`,
        );
      }
    }
    for (const w of writers) latency[w.name].median = medianSummary(latency[w.name].runs);
  } finally {
    await tap.stop();
    await Promise.all(writers.map((w) => w.worker.stop()));
    await sink.purge();
  }

  const ratios: Record<string, number> = {};
  for (const peer of peers) {
    ratios[`oursDrainTo_${peer.name}`] = round(oursDrain.perSecond / drain[peer.name].perSecond, 2);
    ratios[`${peer.name}P50ToOurs`] = round(
      latency[peer.name].median.p50 / latency.ours.median.p50,
      1,
    );
    ratios[`${peer.name}P99ToOurs`] = round(
      latency[peer.name].median.p99 / latency.ours.median.p99,
      1,
    );
  }
  return { drain, latency, ratios };
}
