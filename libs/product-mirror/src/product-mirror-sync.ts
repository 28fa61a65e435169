import type { Provider } from '@nestjs/common';
import { serviceToken } from '@app/auth';
import type { EventConsumer } from '@app/inbox';
import {
  HttpMirrorSource,
  MIRROR_SYNC_OPTIONS,
  MirrorSync,
  type MirrorSyncOptions,
} from '@app/mirror-sync';
import type { ProductSnapshot } from './product-events.contract';
import { PRODUCT_EVENTS_CONSUMER } from './product-mirror.constants';
import { PRODUCT_MIRROR_OPTIONS, type ProductMirrorModuleOptions } from './product-mirror.options';
import { ProductMirrorTarget } from './product-mirror.target';

/** Where the product service serves its snapshot and digests to mirrors. */
const OWNER_ENTRIES_PATH = '/admin/products';

/**
 * Seeding and reconciliation of the product mirror against the product service: the owner read
 * over HTTP with a short-lived `mirror` token signed as the consumer, seeding once the consumer
 * is subscribed.
 */
export const productMirrorSyncProviders: Provider[] = [
  {
    provide: MIRROR_SYNC_OPTIONS,
    inject: [PRODUCT_MIRROR_OPTIONS, ProductMirrorTarget, PRODUCT_EVENTS_CONSUMER],
    useFactory: (
      options: ProductMirrorModuleOptions,
      target: ProductMirrorTarget,
      consumer: EventConsumer,
    ): MirrorSyncOptions<ProductSnapshot> => {
      const sync = options.sync;
      return {
        source: new HttpMirrorSource<ProductSnapshot>({
          baseUrl: sync.ownerUrl,
          path: OWNER_ENTRIES_PATH,
          token: () => serviceToken(options.consumer, ['mirror']),
        }),
        target,
        subscribed: () => consumer.isConsuming,
        seed: { enabled: sync.seed ?? true, pageSize: sync.seedPageSize },
        reconcile: { intervalMs: sync.reconcileIntervalMs, leafSize: sync.reconcileLeafSize },
      };
    },
  },
  MirrorSync,
];
