import autocannon from 'autocannon';
import { type BenchContext, rotate } from '../support/context';
import { median, round } from '../support/stats';

export interface HttpRun {
  kind: '200' | '304';
  rps: number;
  p99: number;
  p50: number;
  statusOk: number;
  total: number;
}

export interface HttpResults {
  connections: number;
  seconds: number;
  runs: HttpRun[];
  full200: { rps: number; p99: number };
  notModified304: { rps: number; p99: number };
  ratio304To200: number;
}

/** (6) `GET url` answered in full (200) and revalidated (`If-None-Match`, 304), alternating. */
export async function measureConditionalGets(ctx: BenchContext, url: string): Promise<HttpResults> {
  const { config } = ctx;
  ctx.log(
    `(6) GET /products/:id, 200 vs 304, ${config.httpConnections} connections, ${config.httpSeconds} s per run`,
  );
  const etag = (await fetch(url)).headers.get('etag');
  if (!etag) throw new Error('GET /products/:id sent no ETag');
  const cannon = async (kind: '200' | '304', seconds: number): Promise<HttpRun> => {
    const result = await autocannon({
      url,
      connections: config.httpConnections,
      duration: seconds,
      headers: kind === '304' ? { 'if-none-match': etag } : {},
    });
    const statusOk = kind === '304' ? result['3xx'] : result['2xx'];
    return {
      kind,
      rps: round(result.requests.average, 0),
      p50: result.latency.p50,
      p99: result.latency.p99,
      statusOk,
      total: result.requests.total,
    };
  };
  await cannon('200', 1);
  await cannon('304', 1);
  const httpRuns: HttpRun[] = [];
  for (let rep = 0; rep < config.reps; rep++) {
    for (const kind of rotate(['200', '304'] as const, rep)) {
      const run = await cannon(kind, config.httpSeconds);
      httpRuns.push(run);
      ctx.log(
        `    round ${rep + 1} ${kind}: ${run.rps} req/s, p99 ${run.p99} ms (${run.statusOk}/${run.total} ${kind})`,
      );
    }
  }
  const pick = (kind: '200' | '304'): { rps: number; p99: number } => {
    const runs = httpRuns.filter((r) => r.kind === kind);
    return { rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)) };
  };
  const r200 = httpRuns.filter((r) => r.kind === '200');
  const r304 = httpRuns.filter((r) => r.kind === '304');
  return {
    connections: config.httpConnections,
    seconds: config.httpSeconds,
    runs: httpRuns,
    full200: pick('200'),
    notModified304: pick('304'),
    ratio304To200: round(median(r200.map((r, i) => r304[i].rps / r.rps)), 2),
  };
}
