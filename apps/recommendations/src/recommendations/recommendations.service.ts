import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PRODUCT_MIRROR_TABLE } from '@app/product-mirror';

/** A product bought together with another, as the mirror knows it now. */
export interface Recommendation {
  productId: string;
  name: string;
  priceCents: number;
  currency: string;
  /** The mirrored product's version (part of the ETag). */
  version: number;
  /** Counted orders that held both products. */
  orders: number;
}

interface RecommendationRow {
  id: string;
  name: string;
  price_cents: number;
  currency: string;
  version: number;
  orders: number;
}

/** The read side: ranks co-purchased products and shows only those the mirror says are active. */
@Injectable()
export class RecommendationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Filtering at read time means a decommission or purge hides a product as soon as the mirror
   * applies it, and a recommission brings it back with its counts intact.
   */
  async forProduct(productId: string, limit: number): Promise<Recommendation[]> {
    const rows: RecommendationRow[] = await this.dataSource.query(
      `SELECT m."id", m."name", m."price_cents", m."currency", m."version", c."orders"
         FROM "co_purchases" c
         JOIN "${PRODUCT_MIRROR_TABLE}" m ON m."id" = c."other_product_id"
        WHERE c."product_id" = $1 AND c."other_product_id" <> $1
          AND c."orders" > 0 AND m."status" = 'active'
        ORDER BY c."orders" DESC, c."other_product_id"
        LIMIT $2`,
      [productId, limit],
    );
    return rows.map((r) => ({
      productId: r.id,
      name: r.name,
      priceCents: r.price_cents,
      currency: r.currency,
      version: r.version,
      orders: r.orders,
    }));
  }
}
