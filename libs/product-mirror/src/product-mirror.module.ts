import { Module } from '@nestjs/common';
import { MirrorReconcileController, MirrorSync } from '@app/mirror-sync';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DeadLetterStore } from '@app/dead-letters';
import { ConfigurableProductMirrorModule } from './product-mirror.options';
import { ProductEventsController } from './product-events.controller';
import { ProductMirror } from './product-mirror.service';
import { ProductMirrorTarget } from './product-mirror.target';
import { productMirrorSyncProviders } from './product-mirror-sync';
import { PurgeCompletion } from './purge-completion';

/**
 * Keeps a `product_mirror` table in step with the product service: its events through
 * `ProductEventsController` on the app's inbox transport (`InboxTransportModule`, which starts
 * the consumer and drains it before the app closes), and seeding and reconciliation
 * (`MirrorSync`, `POST /admin/mirror/reconcile`) for whatever the events missed.
 * Needs the service's outbox (`OutboxModule`): every tombstone it writes issues a purge receipt.
 */
@Module({
  controllers: [MirrorReconcileController, ProductEventsController],
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
  ],
  exports: [ProductMirror, ProductMirrorTarget, MirrorSync],
})
export class ProductMirrorModule extends ConfigurableProductMirrorModule {}
