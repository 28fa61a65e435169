/** What one mode of `npm run bench` measures, and how much of it. */
export interface BenchConfig {
  mode: 'quick' | 'full';
  reps: number;
  /** (1) messages per ceiling run, and the confirm window (= the relays' batch size). */
  ceilingMessages: number;
  confirmWindow: number;
  /** (2)(3)(4) rows in the pre-filled backlog every relay drains. */
  backlog: number;
  /** Aggregates the backlog rows are spread over (versions per aggregate = backlog / this). */
  aggregates: number;
  /** (4) peers are slow: their drain is measured over this window, then stopped. */
  peerDrainCapMs: number;
  /** (4) commit → publish: open-loop writes at this rate for this long, per run. */
  peerLatencyRate: number;
  peerLatencyMs: number;
  /** Poll interval given to both peers (see docs/benchmarks.md). */
  peerPollMs: number;
  /** How long a latency run waits for its last messages before counting the rest as late. */
  latencyWaitMs: number;
  /** (5) arrival rates and the length of each run. */
  mirrorRates: number[];
  mirrorRunMs: number;
  /** (5b) messages each consumer drains from a backlog, per round. */
  drainMessages: number;
  /** (6) autocannon connections and seconds per run. */
  httpConnections: number;
  httpSeconds: number;
  /** (7) concurrent writers and the length of each run. */
  writerCounts: number[];
  writerRunMs: number;
  /** (8) backlog sizes for the drain-rate-versus-backlog series (RSS sampled throughout). */
  memoryBacklogs: number[];
  /** Runs for backlogs of a million rows or more (they take minutes each). */
  repsLarge: number;
  /** (9) entries at the owner a new mirror seeds and reconciles. */
  mirrorEntries: number;
  /** (9) share of those entries that are tombstones. */
  mirrorTombstones: number;
  /** (9) share of the tombstones whose purge still awaits the catalog's receipt (sent when seeded). */
  mirrorReceiptsAwaited: number;
  /** (9) share of the mirror's rows set wrong before each drift reconcile. */
  mirrorDrift: number;
  /** (9) entries per seed page (the catalog's) and per batch of the local-insert baseline. */
  mirrorSeedPageSize: number;
  /** (9) entries per snapshot page the naive full comparison reads. */
  mirrorNaivePageSize: number;
}

/** `BENCH_MIRROR_ENTRIES=5000` replaces the mode's mirror size (9), for experiments. */
function mirrorEntries(fallback: number): number {
  const raw = process.env.BENCH_MIRROR_ENTRIES;
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1000)
    throw new Error(`BENCH_MIRROR_ENTRIES must be a whole number ≥ 1000, not ${raw}`);
  return n;
}

/** `BENCH_DRAIN_MESSAGES=20000` replaces the mode's consumer backlog (5b), for experiments. */
function drainMessages(fallback: number): number {
  const raw = process.env.BENCH_DRAIN_MESSAGES;
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1000)
    throw new Error(`BENCH_DRAIN_MESSAGES must be a whole number ≥ 1000, not ${raw}`);
  return n;
}

/** A share between 0 and 1 from `name`, or `fallback` when unset. */
function shareFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const share = Number(raw);
  if (!(share >= 0 && share <= 1))
    throw new Error(`${name} must be a share between 0 and 1, not ${raw}`);
  return share;
}

/** `BENCH_BACKLOGS=10000,300000` replaces the mode's backlog series (8), for experiments. */
function backlogSeries(fallback: number[]): number[] {
  const raw = process.env.BENCH_BACKLOGS;
  if (!raw) return fallback;
  const sizes = raw.split(',').map(Number);
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1))
    throw new Error(`BENCH_BACKLOGS must be a comma-separated list of row counts, not ${raw}`);
  return sizes;
}

export function benchConfig(): BenchConfig {
  const mode = (process.env.BENCH_MODE ?? 'quick').toLowerCase();
  if (mode !== 'quick' && mode !== 'full')
    throw new Error(`BENCH_MODE must be quick or full, not ${mode}`);
  const reps = Number(process.env.BENCH_REPS ?? (mode === 'full' ? 5 : 3));
  if (mode === 'quick') {
    return {
      mode,
      reps,
      ceilingMessages: 10_000,
      confirmWindow: 500,
      backlog: 10_000,
      aggregates: 1_000,
      peerDrainCapMs: 1_500,
      peerLatencyRate: 100,
      peerLatencyMs: 1_500,
      peerPollMs: 250,
      latencyWaitMs: 6_000,
      mirrorRates: [100, 500],
      mirrorRunMs: 1_500,
      drainMessages: drainMessages(10_000),
      httpConnections: 32,
      httpSeconds: 1.5,
      writerCounts: [1, 4, 16],
      writerRunMs: 450,
      memoryBacklogs: backlogSeries([10_000, 50_000]),
      repsLarge: reps,
      mirrorEntries: mirrorEntries(20_000),
      mirrorTombstones: shareFromEnv('BENCH_MIRROR_TOMBSTONES', 0.01),
      mirrorReceiptsAwaited: shareFromEnv('BENCH_MIRROR_RECEIPTS_AWAITED', 0),
      mirrorDrift: 0.01,
      mirrorSeedPageSize: 1000,
      mirrorNaivePageSize: 500,
    };
  }
  return {
    mode,
    reps,
    ceilingMessages: 100_000,
    confirmWindow: 500,
    backlog: 100_000,
    aggregates: 2_000,
    peerDrainCapMs: 10_000,
    peerLatencyRate: 100,
    peerLatencyMs: 5_000,
    peerPollMs: 250,
    latencyWaitMs: 30_000,
    mirrorRates: [100, 500],
    mirrorRunMs: 10_000,
    drainMessages: drainMessages(50_000),
    httpConnections: 32,
    httpSeconds: 5,
    writerCounts: [1, 4, 16],
    writerRunMs: 3_000,
    memoryBacklogs: backlogSeries([10_000, 100_000, 1_000_000]),
    repsLarge: Number(process.env.BENCH_REPS_LARGE ?? 3),
    mirrorEntries: mirrorEntries(100_000),
    mirrorTombstones: shareFromEnv('BENCH_MIRROR_TOMBSTONES', 0.01),
    mirrorReceiptsAwaited: shareFromEnv('BENCH_MIRROR_RECEIPTS_AWAITED', 0),
    mirrorDrift: 0.01,
    mirrorSeedPageSize: 1000,
    mirrorNaivePageSize: 500,
  };
}
