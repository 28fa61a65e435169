import { PRODUCT_EVENT_CONTRACTS } from '@app/event-contracts';
import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions, type Logger as QueryLogger } from 'typeorm';
import { DeadLetterStore } from '@app/dead-letters';
import { Outbox } from '@app/outbox';
import { runMigrations } from '@app/service-kit';
import { DatabaseProbe, TestEnvironment } from '@app/testing';
import { catalogDataSourceOptions } from '../apps/catalog/src/database/data-source';
import { productDataSourceOptions } from '../apps/product/src/database/data-source';

/** Records every statement a data source sends, to EXPLAIN the ones a lookup ran. */
class StatementRecorder implements QueryLogger {
  statements: { sql: string; params: unknown[] }[] = [];
  logQuery(sql: string, params?: unknown[]): void {
    this.statements.push({ sql, params: params ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** How a plan reads `table`: the index of each scan of it, or the kind of scan when none. */
function accessPaths(plan: PlanNode, table: string): string[] {
  return nodes(plan)
    .filter((n) => n['Relation Name'] === table && n['Node Type'] !== 'ModifyTable')
    .flatMap((scan) =>
      scan['Node Type'] === 'Bitmap Heap Scan'
        ? nodes(scan).flatMap((n) => n['Index Name'] ?? [])
        : [scan['Index Name'] ?? scan['Node Type']],
    );
}

/**
 * The lookups a purge runs under a row lock (the owner's outbox scrub and withdrawal, a mirror's
 * erasure of its dead letters) and the operators' filter by subject, EXPLAINed on databases
 * built by the apps' migrations and holding enough rows that a scan of the table would show.
 */
describe('erasure lookups', () => {
  let env: TestEnvironment;
  const recorder = new StatementRecorder();
  const sources: DataSource[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    env = await TestEnvironment.create(['product', 'catalog'], { broker: false });
  });

  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await env?.destroy();
  });

  async function migrated(
    name: string,
    options: (url: string) => DataSourceOptions,
    seed: string,
  ): Promise<DataSource> {
    const url = env.databaseUrl(name);
    await runMigrations(options(url));
    const db = await DatabaseProbe.connect(url);
    await db.query(seed);
    await db.query('ANALYZE');
    await db.close();
    const source = new DataSource({ ...options(url), logger: recorder });
    sources.push(await source.initialize());
    return source;
  }

  /** Runs `lookup`, then EXPLAINs each statement it sent that names `table`. */
  async function plansOf(
    source: DataSource,
    table: string,
    lookup: () => Promise<unknown>,
  ): Promise<string[][]> {
    recorder.statements = [];
    await lookup();
    const statements = recorder.statements.filter((s) => s.sql.includes(`"${table}"`));
    expect(statements.length).toBeGreaterThan(0);
    const paths: string[][] = [];
    for (const { sql, params } of statements) {
      const [row] = await source.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      paths.push(accessPaths(row['QUERY PLAN'][0].Plan, table));
    }
    return paths;
  }

  it("finds the owner's outbox rows of a purged aggregate by index", async () => {
    // 20,000 rows of 5,000 products, one in ten still pending.
    const source = await migrated(
      'product',
      productDataSourceOptions,
      `INSERT INTO outbox_messages (event_id, lane, aggregate_type, aggregate_id, aggregate_version,
         event_type, exchange, routing_key, payload, published_at)
       SELECT gen_random_uuid(), i % 64, 'product', 'p' || (i % 5000), i, 'product.updated',
              'product.events', 'product.updated', '{"data":{}}', CASE WHEN i % 10 > 0 THEN now() END
         FROM generate_series(1, 20000) AS i`,
    );
    const outbox = new Outbox({ producer: 'product', publishes: PRODUCT_EVENT_CONTRACTS }, source);
    const paths = await plansOf(source, 'outbox_messages', () =>
      source.transaction((m) => outbox.erase(m, 'product', 'p42')),
    );
    expect(paths).toEqual([['ix_outbox_messages_aggregate'], ['ix_outbox_messages_aggregate']]);
  });

  it("finds a mirror's dead letters about a subject by index, for the purge and for operators", async () => {
    // 20,000 letters about 5,000 subjects, most of them requeued long ago.
    const source = await migrated(
      'catalog',
      catalogDataSourceOptions,
      `INSERT INTO dead_letters (queue, message_id, event_type, subject, reason, body, status)
       SELECT 'catalog.product', 'm' || i, 'product.updated', 's' || (i % 5000), 'poison',
              '\\x7b7d', CASE WHEN i % 10 > 0 THEN 'requeued' ELSE 'parked' END
         FROM generate_series(1, 20000) AS i`,
    );
    const store = new DeadLetterStore(source);
    const erasure = await plansOf(source, 'dead_letters', () =>
      source.transaction((m) => store.eraseSubjects(m, ['s42'], 'product.purged')),
    );
    expect(erasure).toEqual([['ix_dead_letters_subject']]);
    const listing = await plansOf(source, 'dead_letters', () => store.list({ subject: 's43' }));
    expect(listing).toEqual([['ix_dead_letters_subject']]);
  });
});
