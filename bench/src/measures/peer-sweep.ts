import type { Sink } from '../support/broker';
import { sleep } from '../support/clock';
import { type BenchContext, withDb } from '../support/context';
import { benchProducts } from '../support/payload';
import { Worker } from '../support/processes';
import { round } from '../support/stats';
import { latencyRun, peerDefinitions, type LatencyRun, type Peer } from './peers';

/** One peer's knobs: events per poll and the poll interval. */
export interface PeerSetting {
  batch: number;
  pollMs: number;
}

export interface SweepPoint extends PeerSetting {
  /** Drain rate of the pre-filled backlog, measured over `peerDrainCapMs`. */
  perSecond: number;
  /** Commit → publish at `peerLatencyRate` for `peerLatencyMs`. */
  latency: LatencyRun;
}

export interface PeerSweep {
  defaults: PeerSetting;
  points: SweepPoint[];
  /** The point with the highest drain rate, and the one with the lowest p99 (nothing lost). */
  bestDrain: SweepPoint;
  bestP99: SweepPoint;
}

export interface PeerSweepResults {
  peers: Record<string, PeerSweep>;
  /** Ours ÷ each peer's best drain, and each peer's best p99 ÷ ours (same run). */
  ratios: Record<string, number>;
}

/**
 * Each peer's own knobs over a small grid: the events it takes per poll (its README's example
 * first) and its poll interval. The grid is the repetition: one drain and one latency run per
 * point, each in a fresh process.
 */
const GRIDS: Record<string, { batches: number[]; pollsMs: number[] }> = {
  nestjsOutbox: { batches: [10, 100, 1000], pollsMs: [250, 50, 10] },
  pgTransactionalOutbox: { batches: [5, 50, 500], pollsMs: [250, 50, 10] },
};

/**
 * (4b) The peers tuned: every point of each peer's grid, its best drain rate and its best
 * commit → publish p99, each with the settings that produced it, next to its defaults; ours is
 * then compared with the best, not with the example settings.
 */
export async function measurePeerSweep(
  ctx: BenchContext,
  sink: Sink,
  amqpUrl: string,
  ours: { drainPerSecond: number; p99: number },
): Promise<PeerSweepResults> {
  const { config } = ctx;
  const products = benchProducts(config.aggregates);
  const result: PeerSweepResults = { peers: {}, ratios: {} };
  for (const peer of await peerDefinitions(ctx, amqpUrl)) {
    const grid = GRIDS[peer.name];
    const defaults = { batch: grid.batches[0], pollMs: grid.pollsMs[0] };
    ctx.log(
      `(4b) ${peer.name} tuned: batch ${grid.batches.join('/')} × poll ${grid.pollsMs.join('/')} ms`,
    );
    const points: SweepPoint[] = [];
    for (const batch of grid.batches) {
      for (const pollMs of grid.pollsMs) {
        const point = await measurePoint(ctx, sink, peer, products, { batch, pollMs });
        points.push(point);
        ctx.log(
          `    batch ${batch}, poll ${pollMs} ms: ${point.perSecond} events/s; commit → publish ` +
            `p50 ${round(point.latency.p50)} p99 ${round(point.latency.p99)} ms, lost ${point.latency.lost}`,
        );
      }
    }
    const bestDrain = points.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const complete = points.filter((p) => p.latency.lost === 0);
    const bestP99 = (complete.length ? complete : points).reduce((a, b) =>
      b.latency.p99 < a.latency.p99 ? b : a,
    );
    result.peers[peer.name] = { defaults, points, bestDrain, bestP99 };
    result.ratios[`oursDrainToBest_${peer.name}`] = round(
      ours.drainPerSecond / bestDrain.perSecond,
      2,
    );
    result.ratios[`${peer.name}BestP99ToOurs`] = round(bestP99.latency.p99 / ours.p99, 1);
  }
  return result;
}

async function measurePoint(
  ctx: BenchContext,
  sink: Sink,
  peer: Peer,
  products: ReturnType<typeof benchProducts>,
  setting: PeerSetting,
): Promise<SweepPoint> {
  const { config } = ctx;
  const env = {
    ...peer.env,
    PEER_BATCH: String(setting.batch),
    PEER_POLL_MS: String(setting.pollMs),
  };
  const label = `${peer.name}-b${setting.batch}-p${setting.pollMs}`;
  let perSecond: number;
  const drainer = await Worker.start(peer.worker, env, `${label}-drain`);
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
    perSecond = round(observed.perSecond, 0);
  } finally {
    await drainer.stop();
    await withDb(peer.url, (c) => peer.reset(c));
    await sleep(200);
    await sink.purge();
  }
  const writer = await Worker.start(peer.worker, env, `${label}-latency`);
  const tap = await sink.tap();
  try {
    await latencyRun(sink, writer, tap.arrivals, config.peerLatencyRate, 500, 1_000);
    const latency = await latencyRun(
      sink,
      writer,
      tap.arrivals,
      config.peerLatencyRate,
      config.peerLatencyMs,
      config.latencyWaitMs,
    );
    return { ...setting, perSecond, latency };
  } finally {
    await tap.stop();
    await writer.stop();
    await withDb(peer.url, (c) => peer.reset(c));
    await sink.purge();
  }
}
