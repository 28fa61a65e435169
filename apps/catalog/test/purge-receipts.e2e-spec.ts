import { randomUUID } from 'node:crypto';
import {
  http,
  productPurgedEvent,
  productSnapshotEvent,
  ServiceSystem,
  waitFor,
  type Tap,
} from '@app/testing';

interface Receipt {
  id: string;
  type: string;
  source: string;
  subject: string;
  aggregateversion: number;
  data: {
    aggregateType: string;
    aggregateId: string;
    version: number;
    mirror: string;
    appliedAt: string;
  };
}

/**
 * The catalog's product mirror, fed by raw messages from an outside AMQP client, issues a
 * `purge-receipt.issued` on `catalog.events` exactly when it writes a tombstone: once per
 * purge, also for a product it never had, never for a redelivery or a late snapshot. Dead
 * letters about the product lose their bodies, those parked before the purge and after it.
 */
describe('catalog purge receipts', () => {
  let system: ServiceSystem;
  let events: Tap;

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog']);
    events = await system.amqp.tap('catalog.events');
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function send(event: { id: string; type: string }): Promise<void> {
    await system.amqp.publishEvent('product.events', event);
  }

  async function row(id: string): Promise<Record<string, unknown> | undefined> {
    const db = await system.db('catalog');
    return (
      await db.query(
        'SELECT sku, name, price_cents, currency, status, version FROM product_mirror WHERE id = $1',
        [id],
      )
    )[0];
  }

  const receipts = (id: string) =>
    events
      .ofType('purge-receipt.issued')
      .filter((m) => (JSON.parse(m.content.toString()) as Receipt).subject === id);

  /** Receipts of `id` written to the outbox (published or not). */
  async function outboxReceipts(id: string): Promise<number> {
    const db = await system.db('catalog');
    const [r] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_messages
        WHERE event_type = 'purge-receipt.issued' AND aggregate_id = $1`,
      [id],
    );
    return r.n;
  }

  async function counts(): Promise<Record<string, number>> {
    const health = await http('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    return health.body.consumers.find((c: { queue: string }) => c.queue === 'catalog.product')
      .counts;
  }

  /** Sends `event` and waits until the consumer has handled it (applied or a duplicate). */
  async function handled(event: { id: string; type: string }): Promise<void> {
    const before = await counts();
    await send(event);
    await waitFor(
      async () => {
        const now = await counts();
        return now.applied + now.duplicate > before.applied + before.duplicate;
      },
      { what: `${event.type} handled` },
    );
  }

  it('issues one receipt when it purges a mirrored product, none for the redelivered purge', async () => {
    const id = randomUUID();
    await send(productSnapshotEvent(id, 1, { name: 'Secret' }));
    await send(productSnapshotEvent(id, 2, { name: 'Secret', status: 'decommissioned' }));
    await waitFor(async () => (await row(id))?.version === 2, { what: 'v2 mirrored' });

    const purge = productPurgedEvent(id, 3);
    await send(purge);
    const [message] = await waitFor(() => (receipts(id).length > 0 ? receipts(id) : false), {
      what: 'the receipt',
    });
    expect(await row(id)).toEqual({
      sku: null,
      name: null,
      price_cents: null,
      currency: null,
      status: 'purged',
      version: 3,
    });
    const receipt = JSON.parse(message.content.toString()) as Receipt;
    expect(receipt).toMatchObject({
      type: 'purge-receipt.issued',
      source: '/services/catalog',
      subject: id,
      aggregateversion: 3,
      data: { aggregateType: 'product', aggregateId: id, version: 3, mirror: 'catalog' },
    });
    expect(Date.parse(receipt.data.appliedAt)).not.toBeNaN();
    expect(message.properties).toMatchObject({
      messageId: receipt.id,
      contentType: 'application/cloudevents+json',
    });
    expect(message.fields.routingKey).toBe('purge-receipt.issued');

    await handled(purge);
    expect(await outboxReceipts(id)).toBe(1);
    expect(receipts(id)).toHaveLength(1);
  });

  it('writes a tombstone and issues a receipt for a product it never had', async () => {
    const id = randomUUID();
    await send(productPurgedEvent(id, 4));
    await waitFor(() => receipts(id).length === 1, { what: 'the receipt' });
    expect(await row(id)).toMatchObject({ status: 'purged', version: 4, name: null });
  });

  it('ignores a late snapshot after the tombstone and issues nothing for it', async () => {
    const id = randomUUID();
    await send(productPurgedEvent(id, 3));
    await waitFor(() => receipts(id).length === 1, { what: 'the receipt' });
    await handled(productSnapshotEvent(id, 2, { name: 'Late' }));
    await handled(productPurgedEvent(id, 3));
    expect(await row(id)).toMatchObject({ status: 'purged', version: 3, name: null });
    expect(await outboxReceipts(id)).toBe(1);
    expect(receipts(id)).toHaveLength(1);
  });

  it('dead-letters a snapshot whose aggregateversion is not its version', async () => {
    const id = randomUUID();
    const event = { ...productSnapshotEvent(id, 2), aggregateversion: 5 };
    await send(event);
    const db = await system.db('catalog');
    const [letter] = await waitFor(
      async () => {
        const rows = await db.query<{ reason: string }>(
          'SELECT reason FROM dead_letters WHERE message_id = $1',
          [event.id],
        );
        return rows.length > 0 ? rows : false;
      },
      { what: 'the dead letter' },
    );
    expect(letter.reason).toContain('is not the aggregateversion 5');
    expect(await row(id)).toBeUndefined();
  });

  it('erases the dead letters parked about a product and parks later ones without a body', async () => {
    const id = randomUUID();
    const db = await system.db('catalog');
    const letter = async (messageId: string) =>
      (
        await db.query<{ size: number; status: string; resolved_by: string | null }>(
          `SELECT octet_length(body) AS size, status, resolved_by FROM dead_letters
            WHERE message_id = $1`,
          [messageId],
        )
      )[0] ?? false;
    // Poison that names the product: a snapshot whose price is not an integer.
    const poison = (version: number) =>
      productSnapshotEvent(id, version, {
        name: 'Secret',
        priceCents: 'a lot' as unknown as number,
      });

    const before = poison(1);
    await send(before);
    expect((await waitFor(() => letter(before.id), { what: 'parked' })).size).toBeGreaterThan(0);

    await send(productPurgedEvent(id, 2));
    await waitFor(() => receipts(id).length === 1, { what: 'the receipt' });
    expect(await letter(before.id)).toEqual({
      size: 0,
      status: 'discarded',
      resolved_by: 'product.purged',
    });

    const after = poison(1);
    await send(after);
    expect(await waitFor(() => letter(after.id), { what: 'parked after the purge' })).toEqual({
      size: 0,
      status: 'parked',
      resolved_by: null,
    });
    const secrets = await db.query(
      `SELECT 1 FROM dead_letters WHERE position('Secret'::bytea IN body) > 0`,
    );
    expect(secrets).toEqual([]);
  });
});
