import type { MessageProperties } from 'amqplib';
import type { ParkedMessage } from './parked-message.types';

/** Headers that describe a past failure; a requeued message starts over without them. */
const FAILURE_HEADERS = [
  /^x-death$/,
  /^x-dead-letter-/,
  /^x-dead-lettered-at$/,
  /^x-original-queue$/,
  /^x-retry-count$/,
  /^x-outage-retries$/,
  /^x-last-error$/,
  /^x-(first|last)-death-/,
  /^x-delivery-count$/,
];

interface XDeath {
  count?: unknown;
  reason?: unknown;
  queue?: unknown;
}

/**
 * Maps a message taken from `<queue>.dlq` to the row that parks it: the exact body and headers,
 * plus what an operator filters on (event type, aggregate id), the reason and the attempts.
 */
export function parkedMessageFrom(
  queue: string,
  msg: { content: Buffer; properties: MessageProperties },
): ParkedMessage {
  const props = msg.properties;
  const headers = (props.headers ?? {}) as Record<string, unknown>;
  const envelope = jsonObject(msg.content);
  const deaths = Array.isArray(headers['x-death']) ? (headers['x-death'] as XDeath[]) : [];
  return {
    queue,
    messageId: text(props.messageId) ?? text(envelope?.id),
    eventType: text(props.type) ?? text(envelope?.type),
    subject: text(envelope?.subject),
    reason: text(headers['x-dead-letter-reason']) ?? brokerReason(deaths[0]) ?? 'unknown',
    attempts: attemptsOf(headers, deaths),
    headers: jsonSafe(headers),
    body: msg.content,
    contentType: text(props.contentType),
  };
}

/**
 * Headers for sending a dead letter back to its queue: the original ones without the failure
 * bookkeeping (so it gets a fresh retry budget), plus who requeued it and from which row.
 */
export function requeueHeaders(
  headers: Record<string, unknown>,
  actor: string,
  deadLetterId: string,
): Record<string, unknown> {
  const kept = Object.entries(headers).filter(([k]) => !FAILURE_HEADERS.some((p) => p.test(k)));
  return {
    ...Object.fromEntries(kept),
    'x-requeued-by': actor,
    'x-requeued-at': new Date().toISOString(),
    'x-requeued-from': deadLetterId,
  };
}

function attemptsOf(headers: Record<string, unknown>, deaths: XDeath[]): number {
  for (const value of [headers['x-retry-count'], headers['x-delivery-count']]) {
    const n = Number(value);
    if (value !== undefined && Number.isInteger(n) && n >= 0) return n;
  }
  return deaths.reduce(
    (sum, d) => sum + (Number.isInteger(Number(d.count)) ? Number(d.count) : 0),
    0,
  );
}

function brokerReason(death: XDeath | undefined): string | undefined {
  const reason = text(death?.reason);
  if (!reason) return undefined;
  const queue = text(death?.queue);
  return `dead-lettered by the broker: ${reason}${queue ? ` in ${queue}` : ''}`;
}

function jsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

// PostgreSQL text and jsonb refuse NUL characters; a dead letter must park whatever it holds.
function text(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value.replace(/\0/g, '\uFFFD');
  if (typeof value === 'number') return String(value);
  return null;
}

function jsonSafe(headers: Record<string, unknown>): Record<string, unknown> {
  const plain: unknown = JSON.parse(
    JSON.stringify(headers, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  );
  return withoutNul(plain) as Record<string, unknown>;
}

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\0/g, '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/\0/g, '\uFFFD'), withoutNul(v)]),
    );
  }
  return value;
}
