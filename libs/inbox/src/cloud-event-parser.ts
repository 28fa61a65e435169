import type { CloudEvent } from '@app/outbox';
import { PermanentMessageError } from './message-errors';

const REQUIRED_STRINGS = ['id', 'source', 'type', 'subject', 'time'] as const;

/** Parses and checks a structured-mode CloudEvent; anything else is a permanent failure. */
export function parseCloudEvent(body: Buffer): CloudEvent {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PermanentMessageError('body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PermanentMessageError('body is not a JSON object');
  }
  const event = value as Record<string, unknown>;
  if (event.specversion !== '1.0') {
    throw new PermanentMessageError(
      `unsupported specversion: ${JSON.stringify(event.specversion)}`,
    );
  }
  const missing = REQUIRED_STRINGS.filter((k) => typeof event[k] !== 'string' || event[k] === '');
  if (missing.length > 0) {
    throw new PermanentMessageError(`missing or empty attributes: ${missing.join(', ')}`);
  }
  if (!Number.isInteger(event.aggregateversion) || (event.aggregateversion as number) < 1) {
    throw new PermanentMessageError('aggregateversion must be a positive integer');
  }
  if (!('data' in event)) throw new PermanentMessageError('missing data');
  return event as unknown as CloudEvent;
}
