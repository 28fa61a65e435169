import type { PurgeReceipt } from '@app/event-contracts';
import { PermanentMessageError } from '@app/inbox';
import type { CloudEvent } from '@app/outbox';

/**
 * The receipt a `purge-receipt.issued` event carries, checked against the contract and against
 * where it came from: a receipt for another aggregate type, or sent by a mirror on another's
 * behalf, is poison (dead-lettered with the reason), never a retry.
 */
export function purgeReceiptOf(
  event: CloudEvent,
  expected: { aggregateType: string; mirror: string },
): PurgeReceipt {
  const r = event.data as Partial<Record<keyof PurgeReceipt, unknown>> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r)) {
    throw new PermanentMessageError('invalid purge receipt: data is not an object');
  }
  const problems: string[] = [];
  if (r.aggregateType !== expected.aggregateType) {
    problems.push(`aggregateType is not ${expected.aggregateType}`);
  }
  if (typeof r.aggregateId !== 'string' || r.aggregateId.length === 0) {
    problems.push('aggregateId');
  } else if (r.aggregateId !== event.subject) {
    problems.push('aggregateId does not match subject');
  }
  if (typeof r.version !== 'number' || !Number.isSafeInteger(r.version) || r.version < 1) {
    problems.push('version');
  } else if (r.version !== event.aggregateversion) {
    problems.push('version does not match aggregateversion');
  }
  if (r.mirror !== expected.mirror) problems.push(`mirror is not ${expected.mirror}`);
  if (typeof r.appliedAt !== 'string' || Number.isNaN(Date.parse(r.appliedAt))) {
    problems.push('appliedAt');
  }
  if (problems.length > 0) {
    throw new PermanentMessageError(`invalid purge receipt: ${problems.join(', ')}`);
  }
  return {
    aggregateType: r.aggregateType as string,
    aggregateId: r.aggregateId as string,
    version: r.version as number,
    mirror: r.mirror as string,
    appliedAt: new Date(r.appliedAt as string).toISOString(),
  };
}
