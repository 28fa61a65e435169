import { Module, type DynamicModule } from '@nestjs/common';
import { consumerQueueNames } from '@app/amqp';
import { DeadLettersModule } from '@app/dead-letters';
import { PURGE_RECEIPT_CONTRACTS } from '@app/event-contracts';
import { InboxTransportModule } from '@app/inbox';
import { isPurgedProduct } from '@app/product-mirror';
import { databaseSessionSettings, retentionOf, serviceInfrastructure } from '@app/service-kit';
import { CatalogsModule } from './catalogs/catalogs.module';
import type { CatalogConfig } from './config/catalog.config';
import { catalogDataSourceOptions } from './database/data-source';

/** Catalogs per medium, with a product mirror fed by product events; publishes purge receipts. */
@Module({})
export class AppModule {
  static register(config: CatalogConfig): DynamicModule {
    const retention = retentionOf(config);
    const productQueue = consumerQueueNames('catalog', 'product').queue;
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'catalog',
          database: {
            ...catalogDataSourceOptions(config.CATALOG_DATABASE_URL),
            url: config.CATALOG_DATABASE_URL,
          },
          databaseSession: databaseSessionSettings(config),
          amqpUrl: config.AMQP_URL,
          // Publishes only the purge receipts of its product mirror (ADR 0003, amended).
          publishes: PURGE_RECEIPT_CONTRACTS,
          relay: {
            enabled: config.CATALOG_RELAY_ENABLED,
            batchSize: config.RELAY_BATCH_SIZE,
            pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
            maxAttempts: config.RELAY_MAX_ATTEMPTS,
            retryBaseDelayMs: config.RELAY_RETRY_BASE_DELAY_MS,
          },
          cachePolicies: {
            catalog: { visibility: 'public', maxAgeSeconds: config.CATALOG_CACHE_MAX_AGE_SECONDS },
          },
          rateLimits: {
            windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
            admin: config.ADMIN_RATE_LIMIT,
          },
          retention,
        }),
        // Its consumers: `@InboxEvent` handlers on the inbox transport (hybrid app).
        InboxTransportModule.forRoot({
          consumer: 'catalog',
          tuning: {
            maxMessageBytes: config.CONSUMER_MAX_MESSAGE_BYTES,
            maxRetries: config.CATALOG_CONSUMER_MAX_RETRIES,
            retryBaseDelayMs: config.CATALOG_CONSUMER_RETRY_BASE_DELAY_MS,
            prefetch: config.CATALOG_CONSUMER_PREFETCH,
            maxBatch: config.CATALOG_CONSUMER_MAX_BATCH,
            deliveryLimit: config.CATALOG_CONSUMER_DELIVERY_LIMIT,
          },
        }),
        // One place per app parks and serves the dead letters of all its consumer queues.
        DeadLettersModule.forRoot({
          queues: [productQueue],
          redact: { [productQueue]: isPurgedProduct },
          retentionMs: retention.deadLettersMs,
        }),
        CatalogsModule.register({
          sync: {
            ownerUrl: config.PRODUCT_SERVICE_URL,
            seedPageSize: config.CATALOG_MIRROR_SEED_PAGE_SIZE,
            seedReaders: config.CATALOG_MIRROR_SEED_READERS,
            reconcileIntervalMs: config.CATALOG_MIRROR_RECONCILE_INTERVAL_MS,
          },
        }),
      ],
    };
  }
}
