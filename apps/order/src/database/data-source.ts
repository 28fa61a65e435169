import type { DataSourceOptions } from 'typeorm';
import { OrderLine } from '../orders/order-line.entity';
import { Order } from '../orders/order.entity';
import { CreateOrders1763800000000 } from './migrations/1763800000000-create-orders';
import { AddMirrorSync1764000000000 } from './migrations/1764000000000-add-mirror-sync';
import { IndexErasureLookups1765000000000 } from './migrations/1765000000000-index-erasure-lookups';
import { DeadLetterAndAuditRetention1765100000000 } from './migrations/1765100000000-dead-letter-and-audit-retention';

/** The order database: migrations only, never `synchronize`. */
export function orderDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Order, OrderLine],
    migrations: [
      CreateOrders1763800000000,
      AddMirrorSync1764000000000,
      IndexErasureLookups1765000000000,
      DeadLetterAndAuditRetention1765100000000,
    ],
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'order' },
  };
}
