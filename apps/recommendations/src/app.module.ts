import { Module, type DynamicModule } from '@nestjs/common';
import { consumerQueueNames } from '@app/amqp';
import { DeadLettersModule } from '@app/dead-letters';
import { PURGE_RECEIPT_CONTRACTS } from '@app/event-contracts';
import { InboxTransportModule } from '@app/inbox';
import { isPurgedProduct } from '@app/product-mirror';
import { databaseSessionSettings, retentionOf, serviceInfrastructure } from '@app/service-kit';
import type { RecommendationsConfig } from './config/recommendations.config';
import { recommendationsDataSourceOptions } from './database/data-source';
import {
  ORDER_PRODUCER,
  PRODUCT_PRODUCER,
  RECOMMENDATIONS_CONSUMER,
} from './recommendations/recommendations.constants';
import { RecommendationsModule } from './recommendations/recommendations.module';

/** A co-purchase model fed by order events, filtered by a product mirror; publishes purge receipts. */
@Module({})
export class AppModule {
  static register(config: RecommendationsConfig): DynamicModule {
    const retention = retentionOf(config);
    const url = config.RECOMMENDATIONS_DATABASE_URL;
    const [orderQueue, productQueue] = [ORDER_PRODUCER, PRODUCT_PRODUCER].map(
      (producer) => consumerQueueNames(RECOMMENDATIONS_CONSUMER, producer).queue,
    );
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'recommendations',
          database: { ...recommendationsDataSourceOptions(url), url },
          databaseSession: databaseSessionSettings(config),
          amqpUrl: config.AMQP_URL,
          // Publishes only the purge receipts of its product mirror.
          publishes: PURGE_RECEIPT_CONTRACTS,
          relay: {
            enabled: config.RECOMMENDATIONS_RELAY_ENABLED,
            batchSize: config.RELAY_BATCH_SIZE,
            pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
            maxAttempts: config.RELAY_MAX_ATTEMPTS,
            retryBaseDelayMs: config.RELAY_RETRY_BASE_DELAY_MS,
          },
          // Not per customer, so public; revalidated (ETag) at once so a decommission shows.
          cachePolicies: {
            recommendations: {
              visibility: 'public',
              maxAgeSeconds: config.RECOMMENDATIONS_CACHE_MAX_AGE_SECONDS,
            },
          },
          rateLimits: {
            windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
            admin: config.ADMIN_RATE_LIMIT,
          },
          retention,
        }),
        // Its consumers: `@InboxEvent` handlers on the inbox transport (hybrid app).
        InboxTransportModule.forRoot({
          consumer: RECOMMENDATIONS_CONSUMER,
          tuning: {
            maxMessageBytes: config.CONSUMER_MAX_MESSAGE_BYTES,
            maxRetries: config.RECOMMENDATIONS_CONSUMER_MAX_RETRIES,
            retryBaseDelayMs: config.RECOMMENDATIONS_CONSUMER_RETRY_BASE_DELAY_MS,
            prefetch: config.RECOMMENDATIONS_CONSUMER_PREFETCH,
            maxBatch: config.RECOMMENDATIONS_CONSUMER_MAX_BATCH,
            deliveryLimit: config.RECOMMENDATIONS_CONSUMER_DELIVERY_LIMIT,
          },
        }),
        // One place per app parks and serves the dead letters of all its consumer queues.
        DeadLettersModule.forRoot({
          queues: [orderQueue, productQueue],
          redact: { [productQueue]: isPurgedProduct },
          retentionMs: retention.deadLettersMs,
        }),
        RecommendationsModule.register({
          sync: {
            ownerUrl: config.PRODUCT_SERVICE_URL,
            seedPageSize: config.RECOMMENDATIONS_MIRROR_SEED_PAGE_SIZE,
            seedReaders: config.RECOMMENDATIONS_MIRROR_SEED_READERS,
            reconcileIntervalMs: config.RECOMMENDATIONS_MIRROR_RECONCILE_INTERVAL_MS,
          },
        }),
      ],
    };
  }
}
