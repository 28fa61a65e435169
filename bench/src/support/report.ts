import type { AppResults, MirrorSeries } from '../measures/apps';
import type { MirrorResults } from '../measures/mirrors';
import type { PeerSweepResults } from '../measures/peer-sweep';
import type { PeerResults } from '../measures/peers';
import type { RelayResults } from '../measures/relays';
import type { WriterResults } from '../measures/writer';
import type { MachineInfo } from './machine';
import type { LatencySummary } from './stats';

export interface BenchResults {
  mode: string;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  config: unknown;
  /** `BENCH_ONLY`, when only some measurements ran. */
  subset: string[] | 'all';
  relays?: RelayResults;
  peers?: PeerResults;
  apps?: AppResults;
  writer?: WriterResults;
  mirrors?: MirrorResults;
  peerSweep?: PeerSweepResults;
}

const n0 = (v: number): string =>
  Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a';
const n1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const x = (v: number, digits = 2): string => (Number.isFinite(v) ? `${v.toFixed(digits)}×` : 'n/a');
const lat = (s: LatencySummary): string =>
  `${n1(s.p50)} / ${n1(s.p95)} / ${n1(s.p99)} / ${n1(s.max)}`;

/** The results as a Markdown table (printed, and pasted into docs/benchmarks.md). */
export function renderTable(r: BenchResults): string {
  const rows: string[][] = [];
  const add = (id: string, what: string, figure: string, comparison = ''): void => {
    rows.push([id, what, figure, comparison]);
  };
  if (r.relays) {
    const { ceiling, ideal, ours1, ours2, ratios, memory, bodyBytes } = r.relays;
    add(
      '1',
      `ceiling: bare confirm channel, ${bodyBytes} B bodies`,
      `${n0(ceiling.perSecond)} msg/s`,
    );
    add(
      '2',
      'ideal relay (pg + amqplib, SKIP LOCKED)',
      `${n0(ideal.perSecond)} events/s`,
      `${x(ratios.idealToCeiling)} ceiling`,
    );
    add(
      '3',
      'our relay, 1 instance',
      `${n0(ours1.perSecond)} events/s`,
      `${x(ratios.ours1ToIdeal)} ideal, ${x(ratios.ours1ToCeiling)} ceiling`,
    );
    add(
      '3',
      'our relay, 2 instances',
      `${n0(ours2.perSecond)} events/s`,
      `${x(ratios.ours2ToIdeal)} ideal, ${x(ratios.ours2ToOurs1)} one instance`,
    );
    for (const [size, m] of Object.entries(memory)) {
      add(
        '8',
        `our relay draining ${n0(Number(size))} rows (ideal relay beside it)`,
        `${n0(m.perSecond)} events/s (ideal ${n0(m.idealPerSecond)})`,
        `${x(m.ratioToIdeal)} ideal; RSS ${n1(m.rssStartMiB)} → max ${n1(m.rssMaxMiB)} → end ${n1(m.rssEndMiB)} MiB`,
      );
    }
  }
  if (r.peers) {
    const { drain, latency, ratios } = r.peers;
    for (const peer of ['nestjsOutbox', 'pgTransactionalOutbox']) {
      if (!drain[peer]) continue;
      const label =
        peer === 'nestjsOutbox' ? '@fullstackhouse/nestjs-outbox' : 'pg-transactional-outbox';
      add(
        '4',
        `${label} drain`,
        `${n0(drain[peer].perSecond)} events/s`,
        `ours ${x(ratios[`oursDrainTo_${peer}`], 0)} faster`,
      );
    }
    if (latency.ours)
      add('4', 'ours: commit → publish p50 / p95 / p99 / max', `${lat(latency.ours.median)} ms`);
    for (const peer of ['nestjsOutbox', 'pgTransactionalOutbox']) {
      if (!latency[peer]) continue;
      const label =
        peer === 'nestjsOutbox' ? '@fullstackhouse/nestjs-outbox' : 'pg-transactional-outbox';
      add(
        '4',
        `${label}: commit → publish`,
        `${lat(latency[peer].median)} ms`,
        `p50 ${x(ratios[`${peer}P50ToOurs`], 1)}, p99 ${x(ratios[`${peer}P99ToOurs`], 1)} ours`,
      );
    }
  }
  if (r.peerSweep) {
    for (const [peer, sweep] of Object.entries(r.peerSweep.peers)) {
      const label =
        peer === 'nestjsOutbox' ? '@fullstackhouse/nestjs-outbox' : 'pg-transactional-outbox';
      const at = (p: { batch: number; pollMs: number }): string =>
        `batch ${p.batch}, poll ${p.pollMs} ms`;
      add(
        '4b',
        `${label} tuned: best drain (${at(sweep.bestDrain)}; defaults ${at(sweep.defaults)})`,
        `${n0(sweep.bestDrain.perSecond)} events/s`,
        `ours ${x(r.peerSweep.ratios[`oursDrainToBest_${peer}`], 1)} faster`,
      );
      add(
        '4b',
        `${label} tuned: best commit → publish p99 (${at(sweep.bestP99)})`,
        `${lat(sweep.bestP99.latency)} ms`,
        `p99 ${x(r.peerSweep.ratios[`${peer}BestP99ToOurs`], 1)} ours`,
      );
    }
  }
  if (r.apps) {
    const m = r.apps.mirror;
    const row = (
      label: string,
      s: MirrorSeries | undefined,
      from: 'fromCommit' | 'fromSchedule',
    ): void => {
      if (!s) return;
      const lost = s.runs.reduce((sum, run) => sum + run.lost + run.errors, 0);
      add('5', label, `${lat(s[from])} ms`, lost ? `${lost} lost or failed` : '');
    };
    for (const rate of Object.keys(m.commit)) {
      row(`commit → mirror @${rate}/s (p50/p95/p99/max)`, m.commit[rate], 'fromCommit');
      const c = m.commit[rate];
      if (c?.ideal)
        add(
          '5',
          `commit → ideal consumer's mirror @${rate}/s, the same events`,
          `${lat(c.ideal)} ms`,
          `catalog p50 ${x(c.toIdeal.p50, 2)}, p99 ${x(c.toIdeal.p99, 2)} ideal`,
        );
      row(`HTTP request (scheduled) → mirror @${rate}/s`, m.http[rate], 'fromSchedule');
      row(`HTTP response → mirror @${rate}/s`, m.http[rate], 'fromCommit');
    }
    const d = r.apps.drain;
    if (d)
      add(
        '5b',
        `consumer drain of ${n0(d.messages)} messages: catalog / ideal consumer`,
        `${n0(d.catalog)} / ${n0(d.ideal)} messages/s`,
        `catalog ${x(d.catalogToIdeal, 2)} ideal`,
      );
    const h = r.apps.http;
    add(
      '6',
      `GET /products/:id 200, ${h.connections} connections`,
      `${n0(h.full200.rps)} req/s, p99 ${h.full200.p99} ms`,
    );
    add(
      '6',
      `GET /products/:id 304 (If-None-Match)`,
      `${n0(h.notModified304.rps)} req/s, p99 ${h.notModified304.p99} ms`,
      `${x(h.ratio304To200)} the 200 path`,
    );
  }
  if (r.writer) {
    for (const [writers, v] of Object.entries(r.writer.commitsPerSecond)) {
      const ratio = r.writer.ratioToNone[writers];
      add(
        '7',
        `${writers} writer(s): none / pg_notify in tx / NOTIFY after each commit (before) / after-commit NOTIFY, ≤ 1 per gap (shipped)`,
        `${n0(v.none)} / ${n0(v['in-transaction'])} / ${n0(v['after-each-commit'])} / ${n0(v['after-commit'])} commits/s`,
        `${x(ratio['in-transaction'])} / ${x(ratio['after-each-commit'])} / ${x(ratio['after-commit'])} of none`,
      );
    }
  }
  if (r.mirrors) mirrorRows(r.mirrors, add);
  const header = ['#', 'measurement', 'median', 'ratio (paired, same run)'];
  const lines = [header, ['---', '---', '---:', '---'], ...rows].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );
  return lines.join('\n');
}

const bytes = (v: number): string =>
  v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : v >= 1e4 ? `${(v / 1e3).toFixed(0)} kB` : `${n0(v)} B`;

function mirrorRows(
  m: MirrorResults,
  add: (id: string, what: string, figure: string, comparison?: string) => void,
): void {
  const n = n0(m.owner.entries);
  add(
    '9',
    `local insert of ${n} entries, ${m.pageSize} per upsert`,
    `${n0(m.localInsert.rowsPerSecond)} rows/s`,
  );
  add(
    '9',
    `new catalog mirror seeding ${n} entries from the product service (${m.seedRuns.length} new mirrors)`,
    `${n0(m.seedRowsPerSecond)} rows/s (${n1(m.seed.ms / 1000)} s, ${bytes(m.seed.bytes)})`,
    `${x(m.ratios.seedToLocal)} local insert (median of the rounds' ratios)`,
  );
  add(
    '9',
    `the owner's snapshot pages alone, read and parsed (one pass)`,
    `${n0((m.owner.entries * 1000) / m.ownerPass.ms)} rows/s (${n1(m.ownerPass.ms / 1000)} s)`,
  );
  add(
    '9',
    `reconcile, no drift (${n} entries)`,
    `${n1(m.noDrift.wallMs)} ms, 0 pages, ${bytes(m.noDrift.bytes)} (digest SQL: owner ${n1(m.noDrift.digestSql.owner)}, mirror ${n1(m.noDrift.digestSql.mirror)} ms)`,
    `naive ${x(m.ratios.naiveToNoDriftTime, 0)} the time, ${x(m.ratios.naiveToNoDriftBytes, 0)} the bytes`,
  );
  if (m.noDriftVacuumed) {
    const v = m.noDriftVacuumed;
    add(
      '9',
      `reconcile, no drift, both sides vacuumed`,
      `${n1(v.wallMs)} ms (digest SQL: owner ${n1(v.digestSql.owner)}, mirror ${n1(v.digestSql.mirror)} ms)`,
      `naive ${x(m.naive.ms / v.wallMs, 0)} the time (medians, not paired)`,
    );
  }
  add(
    '9',
    `reconcile, ${n0(m.drift.injected)} entries drifted (repaired)`,
    `${n1(m.drift.wallMs)} ms, ${n0(m.drift.pages)} pages, ${bytes(m.drift.bytes)}`,
    `naive ${x(m.ratios.naiveToDriftTime, 1)} the time, ${x(m.ratios.naiveToDriftBytes, 1)} the bytes`,
  );
  add(
    '9',
    `naive full comparison (every snapshot page)`,
    `${n1(m.naive.ms)} ms, ${n0(m.naive.runs[0]?.requests ?? Number.NaN)} pages, ${bytes(m.naive.bytes)}`,
  );
}
