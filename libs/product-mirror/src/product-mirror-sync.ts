import type { Provider } from '@nestjs/common';
import { serviceToken } from '@app/auth';
import { InboxTransport } from '@app/inbox';
import {
  HttpMirrorSource,
  MIRROR_SYNC_OPTIONS,
  MirrorSync,
  type MirrorSyncOptions,
} from '@app/mirror-sync';
import type { ProductSnapshot } from '@app/event-contracts';
import { PRODUCT_PRODUCER } from './product-mirror.constants';
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
    inject: [PRODUCT_MIRROR_OPTIONS, ProductMirrorTarget, InboxTransport],
    useFactory: (
      options: ProductMirrorModuleOptions,
      target: ProductMirrorTarget,
      transport: InboxTransport,
    ): MirrorSyncOptions<ProductSnapshot> => {
      const sync = options.sync;
      return {
        source: new HttpMirrorSource<ProductSnapshot>({
          baseUrl: sync.ownerUrl,
          path: OWNER_ENTRIES_PATH,
          token: () => serviceToken(options.consumer, ['mirror']),
        }),
        target,
        subscribed: () => transport.isConsuming(PRODUCT_PRODUCER),
        seed: {
          enabled: sync.seed ?? true,
          pageSize: sync.seedPageSize,
          readers: sync.seedReaders,
        },
        reconcile: { intervalMs: sync.reconcileIntervalMs, leafSize: sync.reconcileLeafSize },
      };
    },
  },
  MirrorSync,
];
