import type { DataSourceOptions } from 'typeorm';
import { Product } from '../products/product.entity';
import { CreateProducts1763800000000 } from './migrations/1763800000000-create-products';

/** The product database: migrations only, never `synchronize`. */
export function productDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Product],
    migrations: [CreateProducts1763800000000],
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'product' },
  };
}
