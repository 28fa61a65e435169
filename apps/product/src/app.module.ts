import { Module, type DynamicModule } from '@nestjs/common';
import { consumerQueueNames } from '@app/amqp';
import { DeadLettersModule } from '@app/dead-letters';
import { PRODUCT_EVENT_CONTRACTS } from '@app/event-contracts';
import { InboxTransportModule } from '@app/inbox';
import { databaseSessionSettings, retentionOf, serviceInfrastructure } from '@app/service-kit';
import { purgeMirrors, type ProductConfig } from './config/product.config';
import { productDataSourceOptions } from './database/data-source';
import { ProductsModule } from './products/products.module';
import { PRODUCT_CONSUMER, PURGE_MIRRORS } from './purges/purges.constants';
import { PurgesModule } from './purges/purges.module';

/** The product catalog's source of truth, with the purge ledger its mirrors confirm. */
@Module({})
export class AppModule {
  static register(config: ProductConfig): DynamicModule {
    const retention = retentionOf(config);
    const staleIfErrorSeconds = config.PRODUCT_CACHE_STALE_IF_ERROR_SECONDS;
    const mirrors = purgeMirrors(config);
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'product',
          database: {
            ...productDataSourceOptions(config.PRODUCT_DATABASE_URL),
            url: config.PRODUCT_DATABASE_URL,
          },
          databaseSession: databaseSessionSettings(config),
          amqpUrl: config.AMQP_URL,
          publishes: PRODUCT_EVENT_CONTRACTS,
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
          rateLimits: {
            windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
            admin: config.ADMIN_RATE_LIMIT,
          },
          retention,
        }),
        // Its consumers: the purge receipts of every expected mirror, on the inbox transport.
        InboxTransportModule.forRoot({
          consumer: PRODUCT_CONSUMER,
          tuning: {
            maxMessageBytes: config.CONSUMER_MAX_MESSAGE_BYTES,
            maxRetries: config.PRODUCT_CONSUMER_MAX_RETRIES,
            retryBaseDelayMs: config.PRODUCT_CONSUMER_RETRY_BASE_DELAY_MS,
            prefetch: config.PRODUCT_CONSUMER_PREFETCH,
            maxBatch: config.PRODUCT_CONSUMER_MAX_BATCH,
            deliveryLimit: config.PRODUCT_CONSUMER_DELIVERY_LIMIT,
          },
          producerGroups: { [PURGE_MIRRORS]: mirrors },
        }),
        // One place per app parks and serves the dead letters of all its consumer queues.
        DeadLettersModule.forRoot({
          queues: mirrors.map((mirror) => consumerQueueNames(PRODUCT_CONSUMER, mirror).queue),
          retentionMs: retention.deadLettersMs,
        }),
        PurgesModule.register({
          mirrors,
          receiptDeadlineSeconds: config.PRODUCT_PURGE_RECEIPT_DEADLINE_SECONDS,
        }),
        ProductsModule,
      ],
    };
  }
}
