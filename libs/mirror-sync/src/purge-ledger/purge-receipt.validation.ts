import type { PurgeReceipt } from '@app/event-contracts';
import { PermanentMessageError } from '@app/inbox';
import type { CloudEvent } from '@app/outbox';

/**
 * A receipt (its shape already checked against the contract) checked against where it came
 * from: a receipt for another aggregate type, of another subject or version than its envelope,
 * or sent by a mirror on another's behalf, is poison (dead-lettered with the reason).
 */
export function purgeReceiptOf(
  receipt: PurgeReceipt,
  envelope: Pick<CloudEvent, 'subject' | 'aggregateversion'>,
  expected: { aggregateType: string; mirror: string },
): PurgeReceipt {
  const problems: string[] = [];
  if (receipt.aggregateType !== expected.aggregateType) {
    problems.push(`aggregateType is not ${expected.aggregateType}`);
  }
  if (receipt.aggregateId !== envelope.subject) problems.push('aggregateId does not match subject');
  if (receipt.version !== envelope.aggregateversion) {
    problems.push('version does not match aggregateversion');
  }
  if (receipt.mirror !== expected.mirror) problems.push(`mirror is not ${expected.mirror}`);
  if (problems.length > 0) {
    throw new PermanentMessageError(`invalid purge receipt: ${problems.join(', ')}`);
  }
  return { ...receipt, appliedAt: new Date(receipt.appliedAt).toISOString() };
}
