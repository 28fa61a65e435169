import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ProductCartCounter } from './product-cart-counter.entity';

export type CartCounter = 'added' | 'removed';

export interface ProductCounters {
  productId: string;
  added: number;
  removed: number;
}

/** Cart counters per product: incremented by cart events, read over HTTP. */
@Injectable()
export class CountersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Counts one cart event. `manager` is the inbox transaction of that event, so the increment
   * commits with the message id and a redelivery (skipped by the inbox) never counts twice.
   */
  async increment(manager: EntityManager, productId: string, counter: CartCounter): Promise<void> {
    const added = counter === 'added' ? 1 : 0;
    await manager.query(
      `INSERT INTO "product_cart_counters" ("product_id", "added", "removed", "updated_at")
       VALUES ($1, $2, $3, now())
       ON CONFLICT ("product_id") DO UPDATE SET
         "added" = "product_cart_counters"."added" + EXCLUDED."added",
         "removed" = "product_cart_counters"."removed" + EXCLUDED."removed",
         "updated_at" = now()`,
      [productId, added, 1 - added],
    );
  }

  /** A product no cart event mentioned yet has 0 and 0. */
  async forProduct(productId: string): Promise<ProductCounters> {
    const row = await this.dataSource.manager.findOne(ProductCartCounter, {
      where: { productId },
    });
    return { productId, added: row?.added ?? 0, removed: row?.removed ?? 0 };
  }
}
