/**
 * AMQP header the relay sets on every message: when it was published, in milliseconds since
 * the epoch on the relay's clock. Consumers measure publish → apply from it.
 */
export const PUBLISHED_AT_HEADER = 'x-published-at';

/** The publish time a message carries, or undefined when it has none (not sent by a relay). */
export function publishedAtOf(headers: Record<string, unknown> | undefined): number | undefined {
  const value = headers?.[PUBLISHED_AT_HEADER];
  const ms = typeof value === 'string' ? Number(value) : value;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
