import { ConfigurableModuleBuilder, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { EventConsumer, type EventConsumerOptions } from '@app/inbox';
import { ProductEventType } from './product-events.contract';
import { ProductMirror } from './product-mirror.service';

export interface ProductMirrorModuleOptions extends Partial<
  Omit<EventConsumerOptions, 'connection' | 'dataSource' | 'handlers' | 'producer'>
> {
  /** Stable consumer name of the mirroring service, e.g. `catalog`. */
  consumer: string;
  /**
   * Runs in the purge's transaction, after the mirror row was erased: erase the service's own
   * copies of the product's data too (names in cart lines, say).
   */
  onPurged?: (manager: EntityManager, productId: string) => Promise<void>;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } =
  new ConfigurableModuleBuilder<ProductMirrorModuleOptions>().setClassMethodName('forRoot').build();

export const PRODUCT_EVENTS_CONSUMER = Symbol('PRODUCT_EVENTS_CONSUMER');

/**
 * Keeps a `product_mirror` table in step with the product service's events. The consumer is a
 * provider, so it starts with the app and drains before it closes (EventConsumer's hooks).
 */
@Module({
  providers: [
    ProductMirror,
    {
      provide: PRODUCT_EVENTS_CONSUMER,
      inject: [MODULE_OPTIONS_TOKEN, AmqpConnection, getDataSourceToken(), ProductMirror],
      useFactory: (
        options: ProductMirrorModuleOptions,
        connection: AmqpConnection,
        dataSource: DataSource,
        mirror: ProductMirror,
      ) => {
        const { onPurged, ...consumerOptions } = options;
        return new EventConsumer({
          ...consumerOptions,
          connection,
          dataSource,
          producer: 'product',
          handlers: {
            [ProductEventType.Created]: async (m, e) => void (await mirror.applySnapshot(m, e)),
            [ProductEventType.Updated]: async (m, e) => void (await mirror.applySnapshot(m, e)),
            [ProductEventType.Decommissioned]: async (m, e) =>
              void (await mirror.applySnapshot(m, e)),
            [ProductEventType.Recommissioned]: async (m, e) =>
              void (await mirror.applySnapshot(m, e)),
            [ProductEventType.Purged]: async (m, e) => {
              await mirror.applyPurge(m, e);
              await onPurged?.(m, e.subject);
            },
          },
        });
      },
    },
  ],
  exports: [ProductMirror, PRODUCT_EVENTS_CONSUMER],
})
export class ProductMirrorModule extends ConfigurableModuleClass {}
