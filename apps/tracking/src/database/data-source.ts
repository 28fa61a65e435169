import type { DataSourceOptions } from 'typeorm';
import { ProductCartCounter } from '../counters/product-cart-counter.entity';
import { CreateTracking1763800000000 } from './migrations/1763800000000-create-tracking';
import { IndexErasureLookups1765000000000 } from './migrations/1765000000000-index-erasure-lookups';
import { DeadLetterAndAuditRetention1765100000000 } from './migrations/1765100000000-dead-letter-and-audit-retention';

/** The tracking database: migrations only, never `synchronize`. */
export function trackingDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [ProductCartCounter],
    migrations: [
      CreateTracking1763800000000,
      IndexErasureLookups1765000000000,
      DeadLetterAndAuditRetention1765100000000,
    ],
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'tracking' },
  };
}
