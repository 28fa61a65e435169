import { freePort } from '@app/testing';
import type { Client } from 'pg';
import { type BenchContext, benchClient, until } from '../support/context';
import { nowMs } from '../support/clock';
import {
  countDifferences,
  insertOwnerEntries,
  ownerRows,
  type OwnerFixture,
} from '../support/mirror-data';
import {
  createLocalMirror,
  localInsert,
  readSnapshot,
  type NaiveRun,
  type SnapshotPass,
} from '../support/mirror-baselines';
import { mirrorHealth, type ReconcileRun } from '../support/mirror-reconcile';
import { CpuMeter, Service } from '../support/processes';
import { median, round } from '../support/stats';
import { reconcileRounds, vacuumedNoDrift } from './mirror-rounds';

export interface SeedFigures {
  rows: number;
  /** From the seed's start to its completion, as `mirror_sync_state` records them. */
  ms: number;
  rowsPerSecond: number;
  /** The catalog's process start → `/admin/health` shows the seed done (boot and subscribe included). */
  startToDoneMs: number;
  bytes: number;
  requests: number;
  /** Median time between the starts of two page transactions (`mirrored_at` of their rows). */
  pageIntervalMs: number;
  /** CPU from the catalog's first healthy answer to the seed's end, % of one core. */
  cpu: Record<string, number>;
}

export interface MirrorResults {
  owner: OwnerFixture;
  pageSize: number;
  /** The seed whose mirror the reconcile runs then use (the last round's). */
  seed: SeedFigures;
  /** One seed per round, each into an empty mirror database, right after that round's local insert. */
  seedRuns: SeedFigures[];
  /** Median over the rounds. */
  seedRowsPerSecond: number;
  localInsert: { runs: { ms: number; rowsPerSecond: number }[]; rowsPerSecond: number };
  /** Every snapshot page at the seed's page size, read and parsed, nothing applied (once). */
  ownerPass: SnapshotPass;
  noDrift: {
    runs: ReconcileRun[];
    wallMs: number;
    durationMs: number;
    bytes: number;
    /** The root digests' SQL run by the bench on each side after each run, ms. */
    digestSql: { runs: { owner: number; mirror: number }[]; owner: number; mirror: number };
  };
  /** The same after `VACUUM` of both sides' tables (autovacuum's steady state); not paired. */
  noDriftVacuumed: {
    runs: { wallMs: number; durationMs: number; owner: number; mirror: number }[];
    wallMs: number;
    durationMs: number;
    digestSql: { owner: number; mirror: number };
  };
  drift: {
    injected: number;
    runs: ReconcileRun[];
    wallMs: number;
    durationMs: number;
    pages: number;
    bytes: number;
  };
  naive: { runs: NaiveRun[]; ms: number; bytes: number };
  ratios: {
    /** Median over rounds of the round's seed ÷ its local insert. */
    seedToLocal: number;
    naiveToNoDriftTime: number;
    naiveToNoDriftBytes: number;
    naiveToDriftTime: number;
    naiveToDriftBytes: number;
  };
}

interface Setup {
  ctx: BenchContext;
  amqpUrl: string;
  catalogDb: string;
  catalogPort: number;
  productUrl: string;
  mirror: Client;
}

/** Starts the catalog on a mirror it never seeded and times the seed to `done`. */
async function seedCatalog(
  s: Setup,
  productPid: number,
): Promise<{ catalog: Service; seed: SeedFigures }> {
  const { config } = s.ctx;
  const catalogUrl = `http://127.0.0.1:${s.catalogPort}`;
  const started = nowMs();
  const catalog = await Service.start(
    'apps/catalog/src/main.js',
    {
      CATALOG_PORT: String(s.catalogPort),
      CATALOG_DATABASE_URL: s.catalogDb,
      AMQP_URL: s.amqpUrl,
      HOST: '127.0.0.1',
      PRODUCT_SERVICE_URL: s.productUrl,
      CATALOG_MIRROR_RECONCILE_INTERVAL_MS: '0',
      CATALOG_MIRROR_SEED_PAGE_SIZE: String(config.mirrorSeedPageSize),
    },
    'mirror-catalog',
    { url: `${catalogUrl}/health` },
  );
  const cpu = new CpuMeter({ product: [productPid], catalog: [catalog.pid] });
  const seeded = await until(
    async () => {
      const health = await mirrorHealth(catalogUrl);
      return health.seed.state === 'done' && health;
    },
    'the catalog to finish seeding',
    Math.max(120_000, config.mirrorEntries * 5),
    // Each poll is an /admin/health of the catalog (its database and broker checked): often enough to
    // time the start-to-done figure, rarely enough not to slow the seed it watches.
    100,
  );
  const startToDoneMs = nowMs() - started;
  const seedCpu = cpu.stop();
  const [state] = (
    await s.mirror.query<{ rows: string; ms: number }>(
      `SELECT "seed_rows" AS rows,
              extract(epoch FROM "seed_completed_at" - "seed_started_at") * 1000 AS ms
         FROM "mirror_sync_state" WHERE "mirror" = 'product'`,
    )
  ).rows;
  const ms = Number(state.ms);
  // Every row of a page has its transaction's now(); nothing else has written the mirror yet.
  const starts = (
    await s.mirror.query<{ t: number }>(
      `SELECT extract(epoch FROM "mirrored_at") * 1000 AS t
         FROM "product_mirror" GROUP BY 1 ORDER BY 1`,
    )
  ).rows.map((r) => Number(r.t));
  return {
    catalog,
    seed: {
      rows: Number(state.rows),
      ms: round(ms),
      rowsPerSecond: round((Number(state.rows) * 1000) / ms, 0),
      startToDoneMs: round(startToDoneMs),
      pageIntervalMs: round(median(starts.slice(1).map((t, i) => t - starts[i]))),
      bytes: seeded.owner.bytes,
      requests: seeded.owner.requests,
      cpu: seedCpu,
    },
  };
}

/**
 * (9) Provable mirrors: a new catalog seeding N entries from the product service against the
 * same rows upserted locally, reconcile runs with no drift and with 1% drift, and the naive full
 * comparison they replace.
 *
 * The reconcile measured is the catalog's own (`POST /admin/mirror/reconcile`: lock, audit, the
 * shipped source and target), and its bytes come from the `owner` counter its `HttpMirrorSource`
 * keeps and `/admin/health` shows. A reconciler built in the bench would need a bench copy of the
 * mirror's write path, and a counting proxy would add a hop to every request it times.
 */
export async function measureMirrors(ctx: BenchContext): Promise<MirrorResults> {
  const { config, world } = ctx;
  const amqpUrl = await world.vhost('mirrors');
  const productDb = await world.database('mirror_product');
  const catalogDb = await world.database('mirror_catalog');
  const localDb = await world.database('mirror_local');
  const [productPort, catalogPort] = [await freePort(), await freePort()];
  const productUrl = `http://127.0.0.1:${productPort}`;
  const product = await Service.start(
    'apps/product/src/main.js',
    {
      PRODUCT_PORT: String(productPort),
      PRODUCT_DATABASE_URL: productDb,
      AMQP_URL: amqpUrl,
      HOST: '127.0.0.1',
    },
    'mirror-product',
    { url: `${productUrl}/health` },
  );
  let catalog: Service | undefined;
  const owner = benchClient(productDb, 'bench-mirror-owner');
  const mirror = benchClient(catalogDb, 'bench-mirror-observer');
  const local = benchClient(localDb, 'bench-mirror-local');
  try {
    await Promise.all([owner.connect(), mirror.connect(), local.connect()]);
    const fixture = await insertOwnerEntries(
      owner,
      config.mirrorEntries,
      config.mirrorTombstones,
      config.mirrorReceiptsAwaited,
    );
    ctx.log(
      `(9) mirrors: ${fixture.entries} entries at the owner (${fixture.decommissioned} decommissioned, ` +
        `${fixture.tombstones} tombstones, ${fixture.receiptsAwaited} awaiting the catalog's receipt), ` +
        `pages of ${config.mirrorSeedPageSize}`,
    );
    const rows = await ownerRows(owner);
    await createLocalMirror(local);
    // Rounds: a local insert, then a new catalog seeding an empty mirror; every round but the
    // last seeds a database of its own and stops its catalog, the last one stays for the
    // reconcile runs. A seed happens once per mirror, so repeating it takes new mirrors.
    const localRuns: MirrorResults['localInsert']['runs'] = [];
    const seedRuns: SeedFigures[] = [];
    const seedRatios: number[] = [];
    let seed: SeedFigures | undefined;
    for (let rep = 0; rep < config.reps; rep++) {
      const localRun = await localInsert(local, rows, config.mirrorSeedPageSize);
      localRuns.push(localRun);
      const last = rep === config.reps - 1;
      const db = last ? catalogDb : await world.database(`mirror_seed_${rep}`);
      const client = last ? mirror : benchClient(db, 'bench-mirror-seed');
      if (!last) await client.connect();
      try {
        const seeded = await seedCatalog(
          {
            ctx,
            amqpUrl,
            catalogDb: db,
            catalogPort: last ? catalogPort : await freePort(),
            productUrl,
            mirror: client,
          },
          product.pid,
        );
        seed = seeded.seed;
        if (last) catalog = seeded.catalog;
        else await seeded.catalog.stop();
        seedRuns.push(seed);
        seedRatios.push(seed.rowsPerSecond / localRun.rowsPerSecond);
        ctx.log(
          `    round ${rep + 1}: local insert ${Math.round(localRun.rowsPerSecond)} rows/s; seed ` +
            `${seed.rows} rows in ${seed.ms} ms, ${seed.rowsPerSecond} rows/s ` +
            `(${round(seed.rowsPerSecond / localRun.rowsPerSecond, 2)}× local); ${seed.requests} ` +
            `requests, ${seed.bytes} bytes; CPU % ${JSON.stringify(seed.cpu)}`,
        );
        if (seed.rows !== fixture.entries || (await countDifferences(owner, client)) !== 0) {
          throw new Error(`the seed left the mirror unlike the owner (${seed.rows} rows seeded)`);
        }
        // Only the first seed finds purges awaiting the catalog's receipt; later ones find none.
        if (rep === 0) await receiptsDelivered(owner, client, fixture.receiptsAwaited);
      } finally {
        if (!last) await client.end().catch(() => undefined);
      }
    }
    if (!seed) throw new Error('BENCH_REPS must be at least 1');
    const localRate = median(localRuns.map((r) => r.rowsPerSecond));
    const pass = await readSnapshot(productUrl, config.mirrorSeedPageSize);
    const ownerPass = { ...pass, ms: round(pass.ms) };
    ctx.log(
      `    seed pages every ${seed.pageIntervalMs} ms; the owner's pages alone: ${ownerPass.ms} ms for ` +
        `${ownerPass.requests} pages (${ownerPass.pageMs} ms each), ${ownerPass.bytes} bytes`,
    );

    const roundsSetup = {
      catalogUrl: `http://127.0.0.1:${catalogPort}`,
      productUrl,
      owner,
      mirror,
      entries: fixture.entries,
    };
    const rounds = await reconcileRounds(ctx, roundsSetup);
    const noDriftVacuumed = await vacuumedNoDrift(ctx, roundsSetup);
    return {
      owner: fixture,
      pageSize: config.mirrorSeedPageSize,
      seed,
      seedRuns,
      seedRowsPerSecond: round(median(seedRuns.map((r) => r.rowsPerSecond)), 0),
      localInsert: { runs: localRuns, rowsPerSecond: round(localRate, 0) },
      ownerPass,
      ...rounds,
      noDriftVacuumed,
      ratios: { seedToLocal: round(median(seedRatios), 2), ...rounds.ratios },
    };
  } finally {
    await Promise.all([owner, mirror, local].map((c) => c.end().catch(() => undefined)));
    await catalog?.stop();
    await product.stop();
  }
}

/**
 * The seed sent a receipt for each purge that awaited the catalog's, and no other: the catalog's
 * outbox holds exactly that many, and the owner's ledger completes every purge (within a minute).
 */
async function receiptsDelivered(owner: Client, mirror: Client, awaited: number): Promise<void> {
  const [{ sent }] = (
    await mirror.query<{ sent: number }>(
      `SELECT count(*)::int AS "sent" FROM "outbox_messages"
        WHERE "event_type" = 'purge-receipt.issued'`,
    )
  ).rows;
  if (sent !== awaited) {
    throw new Error(`the seed sent ${sent} purge receipts where ${awaited} were awaited`);
  }
  await until(
    async () => {
      const [{ open }] = (
        await owner.query<{ open: number }>(
          `SELECT count(*)::int AS "open" FROM "purge_ledger" WHERE "completed_at" IS NULL`,
        )
      ).rows;
      return open === 0;
    },
    'every purge awaiting the catalog to receive its receipt',
    60_000,
    100,
  );
}
