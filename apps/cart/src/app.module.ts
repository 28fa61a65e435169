import { Module, type DynamicModule } from '@nestjs/common';
import { consumerQueueNames } from '@app/amqp';
import { CustomerAuthModule } from '@app/auth';
import { DeadLettersModule } from '@app/dead-letters';
import { CART_EVENT_CONTRACTS, PURGE_RECEIPT_CONTRACTS } from '@app/event-contracts';
import { InboxTransportModule } from '@app/inbox';
import { isPurgedProduct } from '@app/product-mirror';
import { databaseSessionSettings, retentionOf, serviceInfrastructure } from '@app/service-kit';
import { CartsModule } from './carts/carts.module';
import type { CartConfig } from './config/cart.config';
import { cartDataSourceOptions } from './database/data-source';

/** Shopping carts: products looked up through the caching client, availability from events. */
@Module({})
export class AppModule {
  static register(config: CartConfig): DynamicModule {
    const retention = retentionOf(config);
    const productQueue = consumerQueueNames('cart', 'product').queue;
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'cart',
          database: {
            ...cartDataSourceOptions(config.CART_DATABASE_URL),
            url: config.CART_DATABASE_URL,
          },
          databaseSession: databaseSessionSettings(config),
          amqpUrl: config.AMQP_URL,
          publishes: [...CART_EVENT_CONTRACTS, ...PURGE_RECEIPT_CONTRACTS],
          relay: {
            enabled: config.CART_RELAY_ENABLED,
            batchSize: config.RELAY_BATCH_SIZE,
            pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
            maxAttempts: config.RELAY_MAX_ATTEMPTS,
            retryBaseDelayMs: config.RELAY_RETRY_BASE_DELAY_MS,
          },
          // A cart is one customer's: private, revalidated by ETag every time.
          cachePolicies: { cart: { visibility: 'private', maxAgeSeconds: 0 } },
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
          consumer: 'cart',
          tuning: {
            maxMessageBytes: config.CONSUMER_MAX_MESSAGE_BYTES,
            maxRetries: config.CART_CONSUMER_MAX_RETRIES,
            retryBaseDelayMs: config.CART_CONSUMER_RETRY_BASE_DELAY_MS,
            prefetch: config.CART_CONSUMER_PREFETCH,
            maxBatch: config.CART_CONSUMER_MAX_BATCH,
            deliveryLimit: config.CART_CONSUMER_DELIVERY_LIMIT,
          },
        }),
        DeadLettersModule.forRoot({
          queues: [productQueue],
          redact: { [productQueue]: isPurgedProduct },
          retentionMs: retention.deadLettersMs,
        }),
        CartsModule.register({
          productServiceUrl: config.PRODUCT_SERVICE_URL,
          lookupTimeoutMs: config.CART_PRODUCT_LOOKUP_TIMEOUT_MS,
          cacheMaxEntries: config.CART_PRODUCT_CACHE_MAX_ENTRIES,
          consumer: {
            sync: {
              ownerUrl: config.PRODUCT_SERVICE_URL,
              seedPageSize: config.CART_MIRROR_SEED_PAGE_SIZE,
              seedReaders: config.CART_MIRROR_SEED_READERS,
              reconcileIntervalMs: config.CART_MIRROR_RECONCILE_INTERVAL_MS,
            },
          },
        }),
      ],
    };
  }
}
