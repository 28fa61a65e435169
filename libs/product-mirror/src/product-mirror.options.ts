import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The mirror of one service. Its product-event handlers run on the app's inbox transport
 * (`InboxTransportModule`), which also holds the consumer's tuning.
 */
export interface ProductMirrorModuleOptions {
  /** Stable consumer name of the mirroring service, e.g. `catalog`; also signs its receipts. */
  consumer: string;
  /**
   * Runs in the transaction that writes tombstones, after the mirror rows were erased, with the
   * ids of the products purged (one or many: a seed page can hold hundreds): erase the service's
   * own copies of their data too (names in cart lines, say).
   */
  onPurged?: (manager: EntityManager, productIds: string[]) => Promise<void>;
  /** Seeding and reconciliation against the product service (ADR 0017). */
  sync: ProductMirrorSyncOptions;
}

export interface ProductMirrorSyncOptions {
  /** The product service's base URL, e.g. `http://127.0.0.1:3001`. */
  ownerUrl: string;
  /** Seed a mirror that never finished a seed (default true). */
  seed?: boolean;
  /** Entries per seed page, applied in one transaction (default 1000). */
  seedPageSize?: number;
  /** Id ranges read from the product service at once while seeding (default 2). */
  seedReaders?: number;
  /** Mean time between scheduled reconcile runs; 0 turns the schedule off (default 15 min). */
  reconcileIntervalMs?: number;
  /** Ranges at most this big are compared entry by entry (default 128). */
  reconcileLeafSize?: number;
}

export const {
  ConfigurableModuleClass: ConfigurableProductMirrorModule,
  MODULE_OPTIONS_TOKEN: PRODUCT_MIRROR_OPTIONS,
} = new ConfigurableModuleBuilder<ProductMirrorModuleOptions>()
  .setClassMethodName('forRoot')
  .build();
