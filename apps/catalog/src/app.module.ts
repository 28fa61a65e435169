import { Module, type DynamicModule } from '@nestjs/common';
import { serviceInfrastructure } from '@app/service-kit';
import { CatalogsModule } from './catalogs/catalogs.module';
import type { CatalogConfig } from './config/catalog.config';
import { catalogDataSourceOptions } from './database/data-source';

/** Catalogs per medium, with a product mirror fed by product events. */
@Module({})
export class AppModule {
  static register(config: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'catalog',
          database: {
            ...catalogDataSourceOptions(config.CATALOG_DATABASE_URL),
            url: config.CATALOG_DATABASE_URL,
          },
          amqpUrl: config.AMQP_URL,
          cachePolicies: {
            catalog: { visibility: 'public', maxAgeSeconds: config.CATALOG_CACHE_MAX_AGE_SECONDS },
          },
        }),
        CatalogsModule,
      ],
    };
  }
}
