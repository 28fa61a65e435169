import { randomUUID } from 'node:crypto';
import type { ProductPurged, ProductSnapshot } from '@app/event-contracts';

export interface RawProductEvent<T = ProductSnapshot> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  aggregateversion: number;
  data: T;
}

/**
 * A product snapshot event exactly as the product service would publish it, for tests that
 * play the producer: `created` at version 1, `updated` after.
 */
export function productSnapshotEvent(
  productId: string,
  version: number,
  data: Partial<ProductSnapshot> = {},
): RawProductEvent {
  const now = new Date().toISOString();
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/services/product',
    type: version === 1 ? 'product.created' : 'product.updated',
    subject: productId,
    time: now,
    datacontenttype: 'application/json',
    aggregateversion: version,
    data: {
      id: productId,
      sku: `SKU-${productId.slice(0, 8)}`,
      name: `product v${version}`,
      description: null,
      priceCents: 100 * version,
      currency: 'EUR',
      status: 'active',
      version,
      decommissionReason: null,
      createdAt: now,
      updatedAt: now,
      ...data,
    },
  };
}

/** `product.purged` exactly as the product service would publish it: the id, at `version`. */
export function productPurgedEvent(
  productId: string,
  version: number,
): RawProductEvent<ProductPurged> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/services/product',
    type: 'product.purged',
    subject: productId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    aggregateversion: version,
    data: { id: productId },
  };
}
