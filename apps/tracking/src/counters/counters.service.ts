import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ProductCartCounter } from './product-cart-counter.entity';

export type CartCounter = 'added' | 'removed';

/** One cart event's count: which counter of which product it adds 1 to. */
export interface CartCount {
  productId: string;
  counter: CartCounter;
}

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
   * Counts cart events, one statement for all of them (summed per product, written in product
   * order). `manager` is the inbox transaction of those events, so the increments commit with
   * their message ids and a redelivery (skipped by the inbox) never counts twice.
   */
  async increment(manager: EntityManager, counts: CartCount[]): Promise<void> {
    if (counts.length === 0) return;
    await manager.query(
      `INSERT INTO "product_cart_counters" ("product_id", "added", "removed", "updated_at")
       SELECT c."product_id", sum(c."added"), sum(c."removed"), now()
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS c("product_id", "added", "removed")
        GROUP BY c."product_id" ORDER BY c."product_id"
       ON CONFLICT ("product_id") DO UPDATE SET
         "added" = "product_cart_counters"."added" + EXCLUDED."added",
         "removed" = "product_cart_counters"."removed" + EXCLUDED."removed",
         "updated_at" = now()`,
      [
        counts.map((c) => c.productId),
        counts.map((c) => (c.counter === 'added' ? 1 : 0)),
        counts.map((c) => (c.counter === 'removed' ? 1 : 0)),
      ],
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
