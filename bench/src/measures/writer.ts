import { outboxTableDdl } from '@app/outbox';
import { type BenchContext, benchClient, rotate, withDb } from '../support/context';
import { Worker } from '../support/processes';
import { median, round } from '../support/stats';
import type { WakeUpVariant } from '../workers/writer-cost';

export interface WriterResults {
  runMs: number;
  /** commits/s, median per writer count and variant. */
  commitsPerSecond: Record<string, Record<WakeUpVariant, number>>;
  /** paired ratios to `none`, median over rounds. */
  ratioToNone: Record<string, Record<WakeUpVariant, number>>;
  runs: { writers: number; variant: WakeUpVariant; perSecond: number; notifies: number }[];
}

const VARIANTS: WakeUpVariant[] = ['none', 'in-transaction', 'after-each-commit', 'after-commit'];

/** (7) What the wake-up costs writers: closed-loop commits/s at 1, 4, 16 writers per variant. */
export async function measureWriterCost(ctx: BenchContext): Promise<WriterResults> {
  const { config } = ctx;
  const url = await ctx.world.database('writer');
  await withDb(url, async (c) => {
    await c.query(`CREATE TABLE "products" (
      "id" uuid PRIMARY KEY, "sku" text NOT NULL, "name" text NOT NULL, "description" text,
      "price_cents" integer NOT NULL CHECK ("price_cents" >= 0), "currency" char(3) NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('active', 'decommissioned')),
      "decommission_reason" text, "version" integer NOT NULL, "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL, "updated_by" text NOT NULL)`);
    await c.query(
      `CREATE UNIQUE INDEX "uq_products_sku_visible" ON "products" ("sku") WHERE "status" = 'active'`,
    );
    await c.query(`CREATE INDEX "ix_products_status" ON "products" ("status")`);
    for (const sql of outboxTableDdl()) await c.query(sql);
  });
  // A relay's LISTEN connection, so notifications are queued and delivered as in production.
  const listener = benchClient(url, 'outbox-relay-listener:bench');
  await listener.connect();
  await listener.query('LISTEN "outbox_messages_pending"');
  let delivered = 0;
  listener.on('notification', () => delivered++);
  const worker = await Worker.start('writer-cost', { DATABASE_URL: url }, 'writer-cost');
  const runs: WriterResults['runs'] = [];
  ctx.log(
    `(7) writers ${config.writerCounts.join('/')}: no wake-up, pg_notify in the transaction, a NOTIFY ` +
      `after every commit (before), after-commit NOTIFYs at most one per gap (shipped); ` +
      `${config.writerRunMs} ms per run`,
  );
  try {
    await worker.call('run', { writers: 4, variant: 'none', durationMs: 500 });
    for (let rep = 0; rep < config.reps; rep++) {
      for (const writers of config.writerCounts) {
        const line: string[] = [];
        for (const variant of rotate(VARIANTS, rep + writers)) {
          await withDb(url, (c) => c.query('TRUNCATE "products", "outbox_messages"'));
          const r = await worker.call<{ perSecond: number; notifies: number }>('run', {
            writers,
            variant,
            durationMs: config.writerRunMs,
          });
          runs.push({ writers, variant, perSecond: round(r.perSecond, 0), notifies: r.notifies });
          line.push(`${variant} ${round(r.perSecond, 0)}`);
        }
        ctx.log(`    round ${rep + 1} ${writers} writer(s): ${line.join(', ')} commits/s`);
      }
    }
  } finally {
    await worker.stop();
    await listener.end();
  }
  const commitsPerSecond: WriterResults['commitsPerSecond'] = {};
  const ratioToNone: WriterResults['ratioToNone'] = {};
  for (const writers of config.writerCounts) {
    const of = (v: WakeUpVariant): number[] =>
      runs.filter((r) => r.writers === writers && r.variant === v).map((r) => r.perSecond);
    const none = of('none');
    commitsPerSecond[String(writers)] = Object.fromEntries(
      VARIANTS.map((v) => [v, median(of(v))]),
    ) as Record<WakeUpVariant, number>;
    ratioToNone[String(writers)] = Object.fromEntries(
      VARIANTS.map((v) => [v, round(median(of(v).map((x, i) => x / none[i])), 3)]),
    ) as Record<WakeUpVariant, number>;
  }
  ctx.log(`    ${delivered} notifications reached the listener`);
  return { runMs: config.writerRunMs, commitsPerSecond, ratioToNone, runs };
}
