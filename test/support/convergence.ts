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
  let last = '';
  await waitFor(
    async () => {
      const expected = await owner.query<Versioned>(
        'SELECT id, name, status, version FROM products ORDER BY id',
      );
      const actual = await mirror.query<Versioned>(
        `SELECT id, name, status, version FROM product_mirror WHERE status <> 'purged' ORDER BY id`,
      );
      last = `${expected.length} owned, ${actual.length} mirrored`;
      return JSON.stringify(expected) === JSON.stringify(actual);
    },
    { what: `${consumer} to converge with the owner (${last})`, timeoutMs },
  );
}

/** Every event the owner wrote is in the consumer's inbox exactly once. */
export async function everyEventAppliedOnce(
  system: ServiceSystem,
  consumer: string,
): Promise<void> {
  const owner = await system.db('product');
  const mirror = await system.db(consumer);
  const events = await owner.query<{ event_id: string }>('SELECT event_id FROM outbox_messages');
  const inbox = await mirror.query<{ message_id: string }>(
    `SELECT message_id FROM inbox_messages WHERE consumer = $1`,
    [consumer],
  );
  const inboxIds = inbox.map((r) => r.message_id);
  expect(new Set(inboxIds).size).toBe(inboxIds.length);
  expect(new Set(inboxIds)).toEqual(new Set(events.map((e) => e.event_id)));
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
