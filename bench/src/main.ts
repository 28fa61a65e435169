import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfig } from './config';
import { measureApps } from './measures/apps';
import { measureMirrors } from './measures/mirrors';
import { measurePeers } from './measures/peers';
import { measurePeerSweep } from './measures/peer-sweep';
import { measureRelays } from './measures/relays';
import { measureWriterCost } from './measures/writer';
import { Sink } from './support/broker';
import { nowMs } from './support/clock';
import type { BenchContext } from './support/context';
import { machineInfo } from './support/machine';
import { DIST, killAll, setLogDir } from './support/processes';
import { renderTable, type BenchResults } from './support/report';
import { BenchWorld } from './support/world';

/**
 * `npm run bench`: the relay against the broker ceiling, an ideal relay and two peer libraries,
 * decommission → mirror latency, HTTP 200 vs 304, the writer cost of the wake-up, and a mirror's
 * seed and reconcile against the naive full comparison. Everything
 * runs in its own bench_… databases and vhosts, which are removed at the end, failure or not.
 */
async function main(): Promise<void> {
  const config = benchConfig();
  const started = nowMs();
  const log = (m: string): void =>
    console.log(`[${((nowMs() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
  const world = new BenchWorld();
  const ctx: BenchContext = { config, world, log };
  const logDir = join(tmpdir(), world.id);
  setLogDir(logDir);
  const only = process.env.BENCH_ONLY?.split(',');
  const want = (name: string): boolean => !only || only.includes(name);
  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaned ??= (async () => {
      killAll();
      await world.destroy().catch((err) => console.error(`cleanup: ${String(err)}`));
    })());
  process.on('uncaughtException', (err) => {
    console.error('uncaught:', err);
    void cleanup().finally(() => process.exit(1));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  let failed = false;
  try {
    const removed = await BenchWorld.removeStale();
    if (removed.length) log(`removed stale ${removed.join(', ')}`);
    const machine = await machineInfo(
      process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    log(
      `mode ${config.mode}, ${config.reps} runs per figure; ${machine.nproc} cores, ${machine.memoryGiB} GiB, ` +
        `Node ${machine.node}, PostgreSQL ${machine.postgres}, RabbitMQ ${machine.rabbitmq}; logs in ${logDir}`,
    );
    const results: BenchResults = {
      mode: config.mode,
      startedAt: new Date().toISOString(),
      durationSeconds: 0,
      machine,
      config,
      subset: only ?? 'all',
    };
    const drainAmqp = await world.vhost('drain');
    const sink = await Sink.open(drainAmqp);
    try {
      if (want('relays')) results.relays = await measureRelays(ctx, sink, drainAmqp);
      if (want('peers')) {
        results.peers = await measurePeers(
          ctx,
          sink,
          drainAmqp,
          results.relays?.ours1 ?? { runs: [], perSecond: Number.NaN },
        );
      }
      // The tuned peers take minutes: part of a full run, or asked for by name.
      if (only ? want('peer-sweep') : config.mode === 'full') {
        results.peerSweep = await measurePeerSweep(ctx, sink, drainAmqp, {
          drainPerSecond: results.relays?.ours1.perSecond ?? Number.NaN,
          p99: results.peers?.latency.ours?.median.p99 ?? Number.NaN,
        });
      }
    } finally {
      await sink.close();
    }
    if (want('apps')) results.apps = await measureApps(ctx);
    if (want('writer')) results.writer = await measureWriterCost(ctx);
    if (want('mirrors')) results.mirrors = await measureMirrors(ctx);
    results.durationSeconds = Math.round((nowMs() - started) / 1000);

    const dir = join(DIST, '..', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = results.startedAt.replace(/[:.]/g, '-');
    const file = join(dir, `${stamp}-${config.mode}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${renderTable(results)}\n`);
    log(`results written to ${file}`);
  } catch (err) {
    failed = true;
    console.error(err);
  } finally {
    await cleanup();
    log(`bench databases and vhosts of ${world.id} removed`);
  }
  process.exit(failed ? 1 : 0);
}

void main();
