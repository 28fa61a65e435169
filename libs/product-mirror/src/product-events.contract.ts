/** The product service's published contract: event types and the snapshot they carry. */
export const ProductEventType = {
  Created: 'product.created',
  Updated: 'product.updated',
  Decommissioned: 'product.decommissioned',
  Recommissioned: 'product.recommissioned',
  Purged: 'product.purged',
} as const;

export type ProductEventType = (typeof ProductEventType)[keyof typeof ProductEventType];

export type ProductStatus = 'active' | 'decommissioned';

/** Event-carried state: the whole product as of `version`, so a mirror never calls back. */
export interface ProductSnapshot {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  currency: string;
  status: ProductStatus;
  version: number;
  decommissionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `product.purged` carries only the id. */
export interface ProductPurged {
  id: string;
}
