import { randomUUID } from 'node:crypto';
import type { PurgeReceipt } from '@app/event-contracts';

export interface RawPurgeReceiptEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: 'purge-receipt.issued';
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  aggregateversion: number;
  data: PurgeReceipt;
}

/**
 * A `purge-receipt.issued` event exactly as mirror `mirror` would publish it on
 * `<mirror>.events`, for tests that play the mirror: a receipt for a purged product.
 */
export function purgeReceiptEvent(
  mirror: string,
  aggregateId: string,
  version: number,
  data: Partial<PurgeReceipt> = {},
): RawPurgeReceiptEvent {
  const now = new Date().toISOString();
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `/services/${mirror}`,
    type: 'purge-receipt.issued',
    subject: aggregateId,
    time: now,
    datacontenttype: 'application/json',
    aggregateversion: version,
    data: { aggregateType: 'product', aggregateId, version, mirror, appliedAt: now, ...data },
  };
}
