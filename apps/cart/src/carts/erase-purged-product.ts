import type { EntityManager } from 'typeorm';

/** The product name cart lines show once the product was purged (erased everywhere). */
export const ERASED_PRODUCT_NAME = 'erased product';

/**
 * A purge erases the product's data in every copy: cart lines keep their quantity (the
 * customer's own data) but lose the product's name and price, and show as unavailable.
 */
export async function erasePurgedProducts(
  manager: EntityManager,
  productIds: string[],
): Promise<void> {
  await manager.query(
    `UPDATE "cart_lines" SET "product_name" = $2, "unit_price_cents" = 0
      WHERE "product_id" = ANY($1::uuid[])`,
    [productIds, ERASED_PRODUCT_NAME],
  );
}
