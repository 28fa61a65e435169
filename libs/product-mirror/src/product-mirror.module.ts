import { Module } from '@nestjs/common';
import { MirrorReconcileController, MirrorSync } from '@app/mirror-sync';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { DeadLetterStore, EventConsumer, type EventHandler } from '@app/inbox';
import { ProductEventType } from './product-events.contract';
import { snapshotEntry, tombstoneEntry } from './product-entries';
import {
  ConfigurableProductMirrorModule,
  PRODUCT_MIRROR_OPTIONS,
  type ProductMirrorModuleOptions,
} from './product-mirror.options';
import { ProductMirror } from './product-mirror.service';
import { ProductMirrorTarget } from './product-mirror.target';
import { PRODUCT_EVENTS_CONSUMER } from './product-mirror.constants';
import { productMirrorSyncProviders } from './product-mirror-sync';
import { PurgeCompletion } from './purge-completion';

/**
 * Keeps a `product_mirror` table in step with the product service: its events through a consumer
 * (a provider, so it starts with the app and drains before it closes), and seeding and
 * reconciliation (`MirrorSync`, `POST /admin/mirror/reconcile`) for whatever the events missed.
 * Needs the service's outbox (`OutboxModule`): every tombstone it writes issues a purge receipt.
 */
@Module({
  controllers: [MirrorReconcileController],
  providers: [
    ...productMirrorSyncProviders,
    ProductMirror,
    ProductMirrorTarget,
    PurgeCompletion,
    {
      provide: DeadLetterStore,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new DeadLetterStore(dataSource),
    },
    {
      provide: PRODUCT_EVENTS_CONSUMER,
      inject: [PRODUCT_MIRROR_OPTIONS, AmqpConnection, getDataSourceToken(), ProductMirror],
      useFactory: (
        options: ProductMirrorModuleOptions,
        connection: AmqpConnection,
        dataSource: DataSource,
        mirror: ProductMirror,
      ) => {
        const { onPurged: _, sync: __, ...consumerOptions } = options;
        const snapshot: EventHandler = async (m, e) =>
          void (await mirror.apply(m, [snapshotEntry(e)]));
        return new EventConsumer({
          ...consumerOptions,
          connection,
          dataSource,
          producer: 'product',
          handlers: {
            [ProductEventType.Created]: snapshot,
            [ProductEventType.Updated]: snapshot,
            [ProductEventType.Decommissioned]: snapshot,
            [ProductEventType.Recommissioned]: snapshot,
            [ProductEventType.Purged]: async (m, e) =>
              void (await mirror.apply(m, [tombstoneEntry(e)])),
          },
        });
      },
    },
  ],
  exports: [ProductMirror, ProductMirrorTarget, MirrorSync, PRODUCT_EVENTS_CONSUMER],
})
export class ProductMirrorModule extends ConfigurableProductMirrorModule {}
