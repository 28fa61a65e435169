import type { Client } from 'pg';
import { type BenchContext, rotate } from '../support/context';
import { countDifferences, injectDrift } from '../support/mirror-data';
import { naiveComparison, type NaiveRun } from '../support/mirror-baselines';
import {
  digestSqlMs,
  reconcileNoDrift,
  reconcileOnce,
  type ReconcileRun,
} from '../support/mirror-reconcile';
import { median, round } from '../support/stats';
import type { MirrorResults } from './mirrors';

export interface RoundsSetup {
  catalogUrl: string;
  productUrl: string;
  owner: Client;
  mirror: Client;
  entries: number;
}

type RoundResults = Pick<MirrorResults, 'noDrift' | 'drift' | 'naive'> & {
  ratios: Omit<MirrorResults['ratios'], 'seedToLocal'>;
};

/**
 * Rounds of: drift injected and reconciled (checked: exactly the drift reported and repaired,
 * nothing left), then a no-drift reconcile and the naive full comparison, in rotated order.
 * Ratios are paired within a round.
 */
export async function reconcileRounds(ctx: BenchContext, s: RoundsSetup): Promise<RoundResults> {
  const { config } = ctx;
  await reconcileNoDrift(s.catalogUrl); // warm-up, and proof that the seed left nothing to repair
  const driftCount = Math.round(s.entries * config.mirrorDrift);
  const noDrift: ReconcileRun[] = [];
  const drift: ReconcileRun[] = [];
  const naive: NaiveRun[] = [];
  const digestSql: { owner: number; mirror: number }[] = [];
  for (let rep = 0; rep < config.reps; rep++) {
    const injected = await injectDrift(s.mirror, driftCount);
    const run = await reconcileOnce(s.catalogUrl);
    const left = await countDifferences(s.owner, s.mirror);
    if (run.stale !== injected.total || run.repaired !== injected.total || left !== 0) {
      throw new Error(
        `drift of ${injected.total} entries reported as ${run.stale} stale, ` +
          `${run.repaired} repaired; ${left} entries still differ`,
      );
    }
    drift.push(run);
    for (const kind of rotate(['reconcile', 'naive'] as const, rep)) {
      if (kind === 'reconcile') {
        noDrift.push(await reconcileNoDrift(s.catalogUrl));
        digestSql.push({
          owner: await digestSqlMs(s.owner, 'owner'),
          mirror: await digestSqlMs(s.mirror, 'mirror'),
        });
        continue;
      }
      const n = await naiveComparison(s.productUrl, s.mirror, config.mirrorNaivePageSize);
      if (n.differences !== 0 || n.compared !== s.entries) {
        throw new Error(`the naive comparison disagrees with the reconcile: ${JSON.stringify(n)}`);
      }
      naive.push({ ...n, ms: round(n.ms) });
    }
    const [n, d, r, q] = [naive[rep], drift[rep], noDrift[rep], digestSql[rep]];
    ctx.log(
      `    round ${rep + 1}: no drift ${r.wallMs} ms (digest SQL owner ${q.owner}, mirror ${q.mirror} ms), ${r.bytes} B; ${driftCount} drifted ${d.wallMs} ms, ` +
        `${d.pages} pages, ${d.bytes} B; naive ${n.ms} ms, ${n.requests} pages, ${n.bytes} B`,
    );
  }
  const med = <T>(runs: T[], pick: (r: T) => number): number => median(runs.map(pick));
  const paired = (pick: (n: NaiveRun, i: number) => number): number =>
    round(median(naive.map(pick)), 1);
  return {
    noDrift: {
      runs: noDrift,
      wallMs: med(noDrift, (r) => r.wallMs),
      durationMs: med(noDrift, (r) => r.durationMs),
      bytes: med(noDrift, (r) => r.bytes),
      digestSql: {
        runs: digestSql,
        owner: med(digestSql, (d) => d.owner),
        mirror: med(digestSql, (d) => d.mirror),
      },
    },
    drift: {
      injected: driftCount,
      runs: drift,
      wallMs: med(drift, (r) => r.wallMs),
      durationMs: med(drift, (r) => r.durationMs),
      pages: med(drift, (r) => r.pages),
      bytes: med(drift, (r) => r.bytes),
    },
    naive: { runs: naive, ms: med(naive, (r) => r.ms), bytes: med(naive, (r) => r.bytes) },
    ratios: {
      naiveToNoDriftTime: paired((n, i) => n.ms / noDrift[i].wallMs),
      naiveToNoDriftBytes: paired((n, i) => n.bytes / noDrift[i].bytes),
      naiveToDriftTime: paired((n, i) => n.ms / drift[i].wallMs),
      naiveToDriftBytes: paired((n, i) => n.bytes / drift[i].bytes),
    },
  };
}

/**
 * No-drift reconciles once both sides' tables are vacuumed, as autovacuum leaves them in steady
 * state: the digests then read the entries index alone (an index-only scan needs the visibility
 * map that a VACUUM sets), where after a bulk load or a seed they read every heap page too.
 */
export async function vacuumedNoDrift(
  ctx: BenchContext,
  s: RoundsSetup,
): Promise<MirrorResults['noDriftVacuumed']> {
  await s.owner.query('VACUUM "products", "product_tombstones"');
  await s.mirror.query('VACUUM "product_mirror"');
  const runs: { wallMs: number; durationMs: number; owner: number; mirror: number }[] = [];
  for (let rep = 0; rep < ctx.config.reps; rep++) {
    const run = await reconcileNoDrift(s.catalogUrl);
    runs.push({
      wallMs: run.wallMs,
      durationMs: run.durationMs,
      owner: await digestSqlMs(s.owner, 'owner'),
      mirror: await digestSqlMs(s.mirror, 'mirror'),
    });
  }
  const med = (pick: (r: (typeof runs)[number]) => number): number => median(runs.map(pick));
  const result = {
    runs,
    wallMs: med((r) => r.wallMs),
    durationMs: med((r) => r.durationMs),
    digestSql: { owner: med((r) => r.owner), mirror: med((r) => r.mirror) },
  };
  ctx.log(
    `    after VACUUM: no drift ${result.wallMs} ms (digest SQL owner ${result.digestSql.owner}, ` +
      `mirror ${result.digestSql.mirror} ms)`,
  );
  return result;
}
