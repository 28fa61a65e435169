import { Module, type DynamicModule } from '@nestjs/common';
import { consumerQueueNames } from '@app/amqp';
import { CustomerAuthModule } from '@app/auth';
import { DeadLettersModule } from '@app/dead-letters';
import { ORDER_EVENT_CONTRACTS, PURGE_RECEIPT_CONTRACTS } from '@app/event-contracts';
import { InboxTransportModule } from '@app/inbox';
import { isPurgedProduct } from '@app/product-mirror';
import { databaseSessionSettings, retentionOf, serviceInfrastructure } from '@app/service-kit';
import type { OrderConfig } from './config/order.config';
import { orderDataSourceOptions } from './database/data-source';
import { OrdersModule } from './orders/orders.module';

/** Orders, with a product mirror fed by product events. */
@Module({})
export class AppModule {
  static register(config: OrderConfig): DynamicModule {
    const retention = retentionOf(config);
    const productQueue = consumerQueueNames('order', 'product').queue;
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'order',
          database: {
            ...orderDataSourceOptions(config.ORDER_DATABASE_URL),
            url: config.ORDER_DATABASE_URL,
          },
          databaseSession: databaseSessionSettings(config),
          amqpUrl: config.AMQP_URL,
          publishes: [...ORDER_EVENT_CONTRACTS, ...PURGE_RECEIPT_CONTRACTS],
          relay: {
            enabled: config.ORDER_RELAY_ENABLED,
            batchSize: config.RELAY_BATCH_SIZE,
            pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
            maxAttempts: config.RELAY_MAX_ATTEMPTS,
            retryBaseDelayMs: config.RELAY_RETRY_BASE_DELAY_MS,
          },
          // Orders are per customer: private, revalidated by ETag (max-age 0 by default).
          cachePolicies: {
            order: { visibility: 'private', maxAgeSeconds: config.ORDER_CACHE_MAX_AGE_SECONDS },
          },
          rateLimits: {
            windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
            admin: config.ADMIN_RATE_LIMIT,
            customerWrites: config.CUSTOMER_WRITE_RATE_LIMIT,
          },
          retention,
        }),
        // Who may call the customer routes: anyone a gateway lets through, or a matching token.
        CustomerAuthModule.forRoot({ mode: config.CUSTOMER_AUTH }),
        // Its consumers: `@InboxEvent` handlers on the inbox transport (hybrid app).
        InboxTransportModule.forRoot({
          consumer: 'order',
          tuning: {
            maxMessageBytes: config.CONSUMER_MAX_MESSAGE_BYTES,
            maxRetries: config.ORDER_CONSUMER_MAX_RETRIES,
            retryBaseDelayMs: config.ORDER_CONSUMER_RETRY_BASE_DELAY_MS,
            prefetch: config.ORDER_CONSUMER_PREFETCH,
            maxBatch: config.ORDER_CONSUMER_MAX_BATCH,
            deliveryLimit: config.ORDER_CONSUMER_DELIVERY_LIMIT,
          },
        }),
        // One place per app parks and serves the dead letters of all its consumer queues.
        DeadLettersModule.forRoot({
          queues: [productQueue],
          redact: { [productQueue]: isPurgedProduct },
          retentionMs: retention.deadLettersMs,
        }),
        OrdersModule.register({
          sync: {
            ownerUrl: config.PRODUCT_SERVICE_URL,
            seedPageSize: config.ORDER_MIRROR_SEED_PAGE_SIZE,
            seedReaders: config.ORDER_MIRROR_SEED_READERS,
            reconcileIntervalMs: config.ORDER_MIRROR_RECONCILE_INTERVAL_MS,
          },
        }),
      ],
    };
  }
}
