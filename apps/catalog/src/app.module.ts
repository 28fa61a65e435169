import { Module, type DynamicModule } from '@nestjs/common';
import { consumerQueueNames } from '@app/amqp';
import { DeadLettersModule } from '@app/dead-letters';
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
        // One place per app parks and serves the dead letters of all its consumer queues.
        DeadLettersModule.forRoot({ queues: [consumerQueueNames('catalog', 'product').queue] }),
        CatalogsModule.register({
          maxRetries: config.CATALOG_CONSUMER_MAX_RETRIES,
          retryBaseDelayMs: config.CATALOG_CONSUMER_RETRY_BASE_DELAY_MS,
          prefetch: config.CATALOG_CONSUMER_PREFETCH,
          maxBatch: config.CATALOG_CONSUMER_MAX_BATCH,
          deliveryLimit: config.CATALOG_CONSUMER_DELIVERY_LIMIT,
        }),
      ],
    };
  }
}
