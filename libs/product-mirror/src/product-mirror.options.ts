import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventConsumerOptions } from '@app/inbox';

export interface ProductMirrorModuleOptions extends Partial<
  Omit<EventConsumerOptions, 'connection' | 'dataSource' | 'handlers' | 'producer'>
> {
  /** Stable consumer name of the mirroring service, e.g. `catalog`; also signs its receipts. */
  consumer: string;
  /**
   * Runs in the transaction that writes a tombstone, after the mirror row was erased: erase the
   * service's own copies of the product's data too (names in cart lines, say).
   */
  onPurged?: (manager: EntityManager, productId: string) => Promise<void>;
}

export const {
  ConfigurableModuleClass: ConfigurableProductMirrorModule,
  MODULE_OPTIONS_TOKEN: PRODUCT_MIRROR_OPTIONS,
} = new ConfigurableModuleBuilder<ProductMirrorModuleOptions>()
  .setClassMethodName('forRoot')
  .build();
