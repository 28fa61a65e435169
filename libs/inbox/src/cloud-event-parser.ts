import type { CloudEvent } from '@app/outbox';
import { OversizedMessageError, PermanentMessageError } from './message-errors';

const REQUIRED_STRINGS = ['id', 'source', 'type', 'subject', 'time'] as const;

/** Longest envelope attribute (ids, types, subjects are far shorter). */
export const MAX_ATTRIBUTE_LENGTH = 256;
/** `aggregateversion` is stored in PostgreSQL integers. */
const MAX_AGGREGATE_VERSION = 2_147_483_647;
/** Default bound of a message body, checked before parsing it. */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

export interface CloudEventExpectations {
  /** Longest body accepted, in bytes (default 256 KiB); a longer one is not parsed. */
  maxBytes?: number;
  /** The only `source` accepted (the producer whose exchange the queue is bound to). */
  source?: string;
}

/**
 * Parses and checks a structured-mode CloudEvent; anything else is a permanent failure. The
 * body's size is checked before `JSON.parse`, and an oversized body is an `OversizedMessageError`.
 */
export function parseCloudEvent(body: Buffer, expected: CloudEventExpectations = {}): CloudEvent {
  const maxBytes = expected.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (body.length > maxBytes) throw new OversizedMessageError(body.length, maxBytes);
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
  const long = REQUIRED_STRINGS.filter((k) => (event[k] as string).length > MAX_ATTRIBUTE_LENGTH);
  if (long.length > 0) {
    throw new PermanentMessageError(
      `attributes longer than ${MAX_ATTRIBUTE_LENGTH} characters: ${long.join(', ')}`,
    );
  }
  const version = event.aggregateversion;
  if (!Number.isInteger(version) || (version as number) < 1) {
    throw new PermanentMessageError('aggregateversion must be a positive integer');
  }
  if ((version as number) > MAX_AGGREGATE_VERSION) {
    throw new PermanentMessageError(`aggregateversion must be at most ${MAX_AGGREGATE_VERSION}`);
  }
  if (expected.source !== undefined && event.source !== expected.source) {
    throw new PermanentMessageError(
      `source ${JSON.stringify(event.source)} is not ${JSON.stringify(expected.source)}, the producer of this queue`,
    );
  }
  if (!('data' in event)) throw new PermanentMessageError('missing data');
  return event as unknown as CloudEvent;
}
