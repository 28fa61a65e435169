import { Module, type DynamicModule } from '@nestjs/common';
import { consumerQueueNames } from '@app/amqp';
import { DeadLettersModule } from '@app/dead-letters';
import { InboxTransportModule } from '@app/inbox';
import { databaseSessionSettings, retentionOf, serviceInfrastructure } from '@app/service-kit';
import type { TrackingConfig } from './config/tracking.config';
import { CART_PRODUCER, TRACKING_CONSUMER } from './counters/counters.constants';
import { CountersModule } from './counters/counters.module';
import { trackingDataSourceOptions } from './database/data-source';

/** Cart counters per product, fed by cart events; publishes nothing, so no outbox or relay. */
@Module({})
export class AppModule {
  static register(config: TrackingConfig): DynamicModule {
    const retention = retentionOf(config);
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'tracking',
          database: {
            ...trackingDataSourceOptions(config.TRACKING_DATABASE_URL),
            url: config.TRACKING_DATABASE_URL,
          },
          databaseSession: databaseSessionSettings(config),
          amqpUrl: config.AMQP_URL,
          cachePolicies: {
            counters: {
              visibility: 'public',
              maxAgeSeconds: config.TRACKING_CACHE_MAX_AGE_SECONDS,
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
          consumer: TRACKING_CONSUMER,
          tuning: {
            maxMessageBytes: config.CONSUMER_MAX_MESSAGE_BYTES,
            maxRetries: config.TRACKING_CONSUMER_MAX_RETRIES,
            retryBaseDelayMs: config.TRACKING_CONSUMER_RETRY_BASE_DELAY_MS,
            prefetch: config.TRACKING_CONSUMER_PREFETCH,
            maxBatch: config.TRACKING_CONSUMER_MAX_BATCH,
            deliveryLimit: config.TRACKING_CONSUMER_DELIVERY_LIMIT,
          },
        }),
        // One place per app parks and serves the dead letters of all its consumer queues.
        DeadLettersModule.forRoot({
          queues: [consumerQueueNames(TRACKING_CONSUMER, CART_PRODUCER).queue],
          retentionMs: retention.deadLettersMs,
        }),
        CountersModule,
      ],
    };
  }
}
