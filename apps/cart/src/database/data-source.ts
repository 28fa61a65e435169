import type { DataSourceOptions } from 'typeorm';
import { CartLine } from '../carts/cart-line.entity';
import { Cart } from '../carts/cart.entity';
import { CreateCarts1763800000000 } from './migrations/1763800000000-create-carts';
import { AddMirrorSync1764000000000 } from './migrations/1764000000000-add-mirror-sync';
import { IndexErasureLookups1765000000000 } from './migrations/1765000000000-index-erasure-lookups';
import { DeadLetterAndAuditRetention1765100000000 } from './migrations/1765100000000-dead-letter-and-audit-retention';

/** The cart database: migrations only, never `synchronize`. */
export function cartDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Cart, CartLine],
    migrations: [
      CreateCarts1763800000000,
      AddMirrorSync1764000000000,
      IndexErasureLookups1765000000000,
      DeadLetterAndAuditRetention1765100000000,
    ],
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'cart' },
  };
}
