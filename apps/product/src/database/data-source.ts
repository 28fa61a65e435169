import type { DataSourceOptions } from 'typeorm';
import { ProductTombstone } from '../products/product-tombstone.entity';
import { Product } from '../products/product.entity';
import { CreateProducts1763800000000 } from './migrations/1763800000000-create-products';
import { TombstonesAndPurgeLedger1764600000000 } from './migrations/1764600000000-tombstones-and-purge-ledger';
import { IndexErasureLookups1765000000000 } from './migrations/1765000000000-index-erasure-lookups';
import { DeadLetterAndAuditRetention1765100000000 } from './migrations/1765100000000-dead-letter-and-audit-retention';

/** The product database: migrations only, never `synchronize`. */
export function productDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Product, ProductTombstone],
    migrations: [
      CreateProducts1763800000000,
      TombstonesAndPurgeLedger1764600000000,
      IndexErasureLookups1765000000000,
      DeadLetterAndAuditRetention1765100000000,
    ],
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'product' },
  };
}
