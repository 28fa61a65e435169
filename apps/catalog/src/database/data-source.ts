import type { DataSourceOptions } from 'typeorm';
import { CatalogEntry } from '../catalogs/catalog-entry.entity';
import { Catalog } from '../catalogs/catalog.entity';
import { CreateCatalogs1763800000000 } from './migrations/1763800000000-create-catalogs';
import { AddOutboxAndMirrorSync1764000000000 } from './migrations/1764000000000-add-outbox-and-mirror-sync';
import { IndexErasureLookups1765000000000 } from './migrations/1765000000000-index-erasure-lookups';
import { DeadLetterAndAuditRetention1765100000000 } from './migrations/1765100000000-dead-letter-and-audit-retention';

/** The catalog database: migrations only, never `synchronize`. */
export function catalogDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Catalog, CatalogEntry],
    migrations: [
      CreateCatalogs1763800000000,
      AddOutboxAndMirrorSync1764000000000,
      IndexErasureLookups1765000000000,
      DeadLetterAndAuditRetention1765100000000,
    ],
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'catalog' },
  };
}
