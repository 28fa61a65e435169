import { Module, type DynamicModule } from '@nestjs/common';
import { serviceInfrastructure } from '@app/service-kit';
import type { ProductConfig } from './config/product.config';
import { productDataSourceOptions } from './database/data-source';
import { ProductsModule } from './products/products.module';

/** The product catalog's source of truth. */
@Module({})
export class AppModule {
  static register(config: ProductConfig): DynamicModule {
    const staleIfErrorSeconds = config.PRODUCT_CACHE_STALE_IF_ERROR_SECONDS;
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'product',
          database: {
            ...productDataSourceOptions(config.PRODUCT_DATABASE_URL),
            url: config.PRODUCT_DATABASE_URL,
          },
          amqpUrl: config.AMQP_URL,
          relay: {
            enabled: config.PRODUCT_RELAY_ENABLED,
            batchSize: config.RELAY_BATCH_SIZE,
            pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
            maxAttempts: config.RELAY_MAX_ATTEMPTS,
            retryBaseDelayMs: config.RELAY_RETRY_BASE_DELAY_MS,
          },
          cachePolicies: {
            product: {
              visibility: 'public',
              maxAgeSeconds: config.PRODUCT_CACHE_MAX_AGE_SECONDS,
              staleIfErrorSeconds,
            },
            'product-list': {
              visibility: 'public',
              maxAgeSeconds: config.PRODUCT_LIST_CACHE_MAX_AGE_SECONDS,
              staleIfErrorSeconds,
            },
          },
        }),
        ProductsModule,
      ],
    };
  }
}
