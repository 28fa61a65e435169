import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderContribution, type ContributionStatus } from './order-contribution.entity';

/** What an order event tells the model: the order's state as of `version`. */
export interface OrderFact {
  orderId: string;
  status: ContributionStatus;
  version: number;
  productIds: string[];
}

/** Keeps `co_purchases` in step with order events (the write side of the model). */
@Injectable()
export class CoPurchasesService {
  /**
   * Applies an order's state inside the event's inbox transaction. A placed order adds 1 to
   * every ordered pair of its products (both directions); a cancelled one takes back exactly
   * what it added. The order's contribution row and version make this safe in any order: an
   * event not newer than what was applied changes nothing, so a cancel that arrived first makes
   * the late placed a no-op. Returns whether the model changed state.
   */
  async apply(manager: EntityManager, fact: OrderFact): Promise<boolean> {
    const productIds = [...new Set(fact.productIds)].sort();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "order_contributions" ("order_id", "product_ids", "status", "version")
       VALUES ($1, $2::uuid[], $3, $4) ON CONFLICT ("order_id") DO NOTHING RETURNING 1`,
      [fact.orderId, productIds, fact.status, fact.version],
    );
    if (inserted.length > 0) {
      if (fact.status === 'placed') await this.addPairs(manager, productIds);
      return true;
    }
    // Known order (possibly just committed by a concurrent event): lock it, compare versions.
    const current = await manager.findOneOrFail(OrderContribution, {
      where: { orderId: fact.orderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (current.version >= fact.version) return false;
    if (current.status === 'placed') await this.subtractPairs(manager, current.productIds);
    if (fact.status === 'placed') await this.addPairs(manager, productIds);
    await manager.update(
      OrderContribution,
      { orderId: fact.orderId },
      { productIds, status: fact.status, version: fact.version, updatedAt: new Date() },
    );
    return true;
  }

  /** Rows are written in key order, so concurrent orders over the same products cannot deadlock. */
  private async addPairs(manager: EntityManager, productIds: string[]): Promise<void> {
    if (productIds.length < 2) return;
    await manager.query(
      `INSERT INTO "co_purchases" ("product_id", "other_product_id", "orders")
       SELECT a, b, 1 FROM unnest($1::uuid[]) AS a CROSS JOIN unnest($1::uuid[]) AS b
        WHERE a <> b ORDER BY a, b
       ON CONFLICT ("product_id", "other_product_id")
       DO UPDATE SET "orders" = "co_purchases"."orders" + 1`,
      [productIds],
    );
  }

  private async subtractPairs(manager: EntityManager, productIds: string[]): Promise<void> {
    if (productIds.length < 2) return;
    const pairs = `"product_id" = ANY($1::uuid[]) AND "other_product_id" = ANY($1::uuid[])
      AND "product_id" <> "other_product_id"`;
    await manager.query(
      `SELECT 1 FROM "co_purchases" WHERE ${pairs}
        ORDER BY "product_id", "other_product_id" FOR UPDATE`,
      [productIds],
    );
    // TypeORM answers an UPDATE with [rows, affected].
    const [, updated] = await manager.query<[unknown[], number]>(
      `UPDATE "co_purchases" SET "orders" = "orders" - 1 WHERE ${pairs}`,
      [productIds],
    );
    const expected = productIds.length * (productIds.length - 1);
    // Not poison: a transient fault elsewhere may explain it; retried, then dead-lettered.
    if (updated !== expected) {
      throw new Error(`co-purchase model out of step: ${updated} of ${expected} pairs`);
    }
    await manager.query(`DELETE FROM "co_purchases" WHERE ${pairs} AND "orders" = 0`, [productIds]);
  }
}
