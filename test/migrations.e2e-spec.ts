import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { runMigrations } from '@app/service-kit';
import {
  DatabaseProbe,
  pickTables,
  readSchema,
  TestEnvironment,
  type DatabaseSchema,
} from '@app/testing';
import { cartDataSourceOptions } from '../apps/cart/src/database/data-source';
import { catalogDataSourceOptions } from '../apps/catalog/src/database/data-source';
import { orderDataSourceOptions } from '../apps/order/src/database/data-source';
import { productDataSourceOptions } from '../apps/product/src/database/data-source';
import { productLifecycle } from '../apps/product/src/products/product.lifecycle';
import { recommendationsDataSourceOptions } from '../apps/recommendations/src/database/data-source';
import { trackingDataSourceOptions } from '../apps/tracking/src/database/data-source';
import { LIB_SCHEMAS, type LibWithSchema as Lib } from '../tools/lib-schemas';

interface AppUnderTest {
  name: string;
  dataSource: (url: string) => DataSourceOptions;
  /** The libs whose tables the app's migrations create. */
  libs: Lib[];
  /** Other helper-written statements its migrations froze, one `CREATE [UNIQUE] INDEX` each. */
  indexes?: string[];
}

const APPS: AppUnderTest[] = [
  {
    name: 'product',
    dataSource: productDataSourceOptions,
    libs: ['outbox', 'inbox', 'dead-letters', 'audit', 'purge-ledger'],
    indexes: [productLifecycle.partialUniqueIndexSql('products', ['sku'])],
  },
  {
    name: 'catalog',
    dataSource: catalogDataSourceOptions,
    libs: ['product-mirror', 'mirror-sync', 'inbox', 'dead-letters', 'outbox', 'audit'],
  },
  {
    name: 'order',
    dataSource: orderDataSourceOptions,
    libs: ['product-mirror', 'mirror-sync', 'inbox', 'dead-letters', 'outbox', 'audit'],
  },
  {
    name: 'cart',
    dataSource: cartDataSourceOptions,
    libs: ['product-mirror', 'mirror-sync', 'inbox', 'dead-letters', 'outbox', 'audit'],
  },
  {
    name: 'tracking',
    dataSource: trackingDataSourceOptions,
    libs: ['inbox', 'dead-letters', 'audit'],
  },
  {
    name: 'recommendations',
    dataSource: recommendationsDataSourceOptions,
    libs: ['product-mirror', 'mirror-sync', 'inbox', 'dead-letters', 'outbox', 'audit'],
  },
];

/** The app's migrations, in the order its data source lists them. */
function migrationsOf(app: AppUnderTest): (string | (new () => unknown))[] {
  const list = app.dataSource('postgres://unused').migrations;
  if (!Array.isArray(list)) throw new Error(`${app.name}: migrations must be a list`);
  return list as (string | (new () => unknown))[];
}

/** Runs the first `count` migrations (all by default) the way the app does at start. */
function migrate(app: AppUnderTest, url: string, count?: number): Promise<string[]> {
  const options = app.dataSource(url);
  return runMigrations({ ...options, migrations: migrationsOf(app).slice(0, count) });
}

const prefixes = (app: AppUnderTest) => migrationsOf(app).map((_, i) => i + 1);
const libDatabase = (lib: Lib) => `lib_${lib.replace('-', '_')}`;
const databases = [
  ...(Object.keys(LIB_SCHEMAS) as Lib[]).map(libDatabase),
  ...APPS.flatMap((app) => [
    `${app.name}_scratch`,
    ...prefixes(app).map((k) => `${app.name}_step${k}`),
    ...(app.indexes ? [`${app.name}_helpers`] : []),
  ]),
];

async function execute(url: string, statements: string[]): Promise<void> {
  const db = await DatabaseProbe.connect(url);
  try {
    for (const sql of statements) await db.query(sql);
  } finally {
    await db.close();
  }
}

describe('migrations', () => {
  let env: TestEnvironment;
  const libSchemas = {} as Record<Lib, DatabaseSchema>;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    env = await TestEnvironment.create(databases, { broker: false });
    for (const [lib, ddl] of Object.entries(LIB_SCHEMAS) as [Lib, () => string[]][]) {
      await execute(env.databaseUrl(libDatabase(lib)), ddl());
      libSchemas[lib] = await readSchema(env.databaseUrl(libDatabase(lib)));
    }
  }, 120_000);

  afterAll(async () => {
    await env?.destroy();
  });

  it('covers every app in apps/ that has a database', () => {
    const root = join(__dirname, '..', 'apps');
    // The console keeps no data: it has no database and no migrations.
    const apps = readdirSync(root).filter((app) => existsSync(join(root, app, 'src', 'database')));
    expect(APPS.map((a) => a.name).sort()).toEqual(apps.sort());
  });

  describe.each(APPS)('$name', (app) => {
    let scratch: DatabaseSchema;

    beforeAll(async () => {
      const url = env.databaseUrl(`${app.name}_scratch`);
      await migrate(app, url);
      scratch = await readSchema(url);
    });

    it.each(prefixes(app))(
      'has the same schema migrated in two runs, the first %i migration(s) then the rest, as in one',
      async (k) => {
        const url = env.databaseUrl(`${app.name}_step${k}`);
        expect(await migrate(app, url, k)).toHaveLength(k);
        expect(await migrate(app, url)).toHaveLength(migrationsOf(app).length - k);
        expect(await readSchema(url)).toEqual(scratch);
      },
    );

    it("has the libs' tables exactly as their DDL helpers create them today", () => {
      const refs = app.libs.map((lib) => libSchemas[lib]);
      const libTables = refs
        .flatMap((ref) => ref.tables)
        .sort((x, y) => (x.name < y.name ? -1 : 1));
      const names = libTables.map((t) => t.name);
      expect(pickTables(scratch, names)).toEqual(libTables);
      for (const ref of refs) {
        expect(scratch.sequences).toEqual(expect.arrayContaining(ref.sequences));
        expect(scratch.functions).toEqual(expect.arrayContaining(ref.functions));
        expect(scratch.views).toEqual(expect.arrayContaining(ref.views));
        expect(scratch.enums).toEqual(expect.arrayContaining(ref.enums));
      }
    });

    it('lists every lib whose tables it has', () => {
      const others = (Object.keys(LIB_SCHEMAS) as Lib[]).filter((lib) => !app.libs.includes(lib));
      const names = others.flatMap((lib) => libSchemas[lib].tables.map((t) => t.name));
      expect(pickTables(scratch, names).map((t) => t.name)).toEqual([]);
    });

    const indexes = app.indexes;
    if (indexes) {
      it('has the indexes as the helpers it froze write them today', async () => {
        const url = env.databaseUrl(`${app.name}_helpers`);
        await migrate(app, url);
        for (const sql of indexes) {
          const name = /INDEX "([^"]+)"/.exec(sql)?.[1] ?? '';
          await execute(url, [`DROP INDEX IF EXISTS "${name}"`, sql]);
        }
        expect(await readSchema(url)).toEqual(scratch);
      });
    }
  });
});
