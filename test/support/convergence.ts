import type { Message } from 'amqplib';
import { waitFor, type ServiceSystem } from '@app/testing';

interface Versioned {
  id: string;
  name: string;
  status: string;
  version: number;
}

/** Waits until a consumer's product mirror holds exactly the owner's products, version by version. */
export async function mirrorConverges(
  system: ServiceSystem,
  consumer: string,
  timeoutMs = 60_000,
): Promise<void> {
  const owner = await system.db('product');
  const mirror = await system.db(consumer);
  await waitFor(
    async () => {
      const expected = await owner.query<Versioned>(
        'SELECT id, name, status, version FROM products ORDER BY id',
      );
      const actual = await mirror.query<Versioned>(
        `SELECT id, name, status, version FROM product_mirror WHERE status <> 'purged' ORDER BY id`,
      );
      return JSON.stringify(expected) === JSON.stringify(actual);
    },
    { what: `${consumer} to converge with the owner`, timeoutMs },
  );
}

/**
 * Every event the owner wrote reaches the consumer's inbox, each exactly once. Waits: an older
 * event of a product may commit its (no-op) inbox row after the newer one made the mirror equal.
 */
export async function everyEventAppliedOnce(
  system: ServiceSystem,
  consumer: string,
  timeoutMs = 60_000,
): Promise<void> {
  const owner = await system.db('product');
  const mirror = await system.db(consumer);
  const events = new Set(
    (await owner.query<{ event_id: string }>('SELECT event_id FROM outbox_messages')).map(
      (e) => e.event_id,
    ),
  );
  const inboxIds = await waitFor(
    async () => {
      const ids = (
        await mirror.query<{ message_id: string }>(
          `SELECT message_id FROM inbox_messages WHERE consumer = $1`,
          [consumer],
        )
      ).map((r) => r.message_id);
      return [...events].every((id) => ids.includes(id)) ? ids : false;
    },
    { what: `${consumer} inbox to hold every owner event`, timeoutMs },
  );
  expect(new Set(inboxIds).size).toBe(inboxIds.length);
  expect(new Set(inboxIds)).toEqual(events);
}

/**
 * For each aggregate, the versions of the messages a subscriber saw for the first time (a
 * redelivered duplicate is skipped) in arrival order: they must only ever increase.
 */
export function firstSeenVersionsIncrease(messages: Message[]): {
  aggregates: number;
  violations: string[];
} {
  const seen = new Set<string>();
  const last = new Map<string, number>();
  const violations: string[] = [];
  for (const msg of messages) {
    const id = String(msg.properties.messageId);
    if (seen.has(id)) continue;
    seen.add(id);
    const body = JSON.parse(msg.content.toString()) as {
      subject: string;
      aggregateversion: number;
    };
    const previous = last.get(body.subject) ?? 0;
    if (body.aggregateversion <= previous) {
      violations.push(`${body.subject}: v${body.aggregateversion} after v${previous}`);
    }
    last.set(body.subject, body.aggregateversion);
  }
  return { aggregates: last.size, violations };
}
