import { randomUUID } from 'node:crypto';
import { http, productSnapshotEvent, ServiceSystem, waitFor } from '@app/testing';

/**
 * The catalog's product mirror fed by raw messages from an outside AMQP client: duplicates are
 * applied once, older versions never overwrite newer ones, poison goes to the DLQ with its
 * reason and the queue keeps flowing.
 */
describe('catalog product mirror (inbox consumer)', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  function snapshotEvent(
    id: string,
    version: number,
    name: string,
    status: 'active' | 'decommissioned' = 'active',
  ) {
    return productSnapshotEvent(id, version, { name, status });
  }

  async function send(event: { id: string; type: string }, body?: Buffer): Promise<void> {
    await system.amqp.publishEvent('product.events', event, body);
  }

  async function mirror(id: string): Promise<{ name: string; version: number } | undefined> {
    const db = await system.db('catalog');
    return (
      await db.query<{ name: string; version: number }>(
        'SELECT name, version FROM product_mirror WHERE id = $1',
        [id],
      )
    )[0];
  }

  async function consumerCounts(): Promise<Record<string, number>> {
    const health = await http('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    return health.body.consumers.find((c: { queue: string }) => c.queue === 'catalog.product')
      .counts;
  }

  it('applies the same message delivered twice only once', async () => {
    const id = randomUUID();
    const event = snapshotEvent(id, 1, 'once');
    const before = await consumerCounts();
    await send(event);
    await send(event);
    await waitFor(async () => (await consumerCounts()).duplicate === before.duplicate + 1, {
      what: 'a duplicate',
    });
    const counts = await consumerCounts();
    expect(counts.applied).toBe(before.applied + 1);
    const db = await system.db('catalog');
    const inbox = await db.query(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE message_id = $1',
      [event.id],
    );
    expect(inbox[0].n).toBe(1);
    expect(await mirror(id)).toEqual({ name: 'once', version: 1 });
  });

  it('applies the same event delivered 10 times concurrently once', async () => {
    const id = randomUUID();
    const event = snapshotEvent(id, 1, 'tenfold');
    const before = await consumerCounts();
    await Promise.all(Array.from({ length: 10 }, () => send(event)));
    await waitFor(
      async () => {
        const now = await consumerCounts();
        return now.applied + now.duplicate === before.applied + before.duplicate + 10;
      },
      { what: 'all ten deliveries' },
    );
    const after = await consumerCounts();
    expect(after.applied - before.applied).toBe(1);
    expect(after.duplicate - before.duplicate).toBe(9);
    expect(await mirror(id)).toEqual({ name: 'tenfold', version: 1 });
  });

  it('ignores a v2 snapshot that arrives after v3', async () => {
    const id = randomUUID();
    await send(snapshotEvent(id, 1, 'v1'));
    await send(snapshotEvent(id, 3, 'v3'));
    await waitFor(async () => (await mirror(id))?.version === 3, { what: 'v3' });
    const before = await consumerCounts();
    await send(snapshotEvent(id, 2, 'v2'));
    await waitFor(async () => (await consumerCounts()).applied === before.applied + 1, {
      what: 'v2 handled',
    });
    expect(await mirror(id)).toEqual({ name: 'v3', version: 3 });
  });

  it('dead-letters malformed messages with their reason and processes the next valid one', async () => {
    const poison = [
      { id: randomUUID(), type: 'product.updated', body: Buffer.from('{not json') },
      {
        id: randomUUID(),
        type: 'product.updated',
        body: Buffer.from(JSON.stringify({ specversion: '1.0' })),
      },
      {
        id: randomUUID(),
        type: 'product.updated',
        body: Buffer.from(
          JSON.stringify({ ...snapshotEvent(randomUUID(), 2, 'bad'), data: { id: 'x' } }),
        ),
      },
    ];
    for (const p of poison) await send(p, p.body);
    const id = randomUUID();
    await send(snapshotEvent(id, 1, 'after poison'));
    await waitFor(async () => (await mirror(id))?.name === 'after poison', {
      what: 'the valid message',
    });

    // The DLQ is parked into the catalog database (dead_letters) by the dead-letter parker.
    const db = await system.db('catalog');
    const dead = await waitFor(
      async () => {
        const rows = await db.query<{
          message_id: string;
          reason: string;
          body: Buffer;
          headers: Record<string, unknown>;
        }>(
          'SELECT message_id, reason, body, headers FROM dead_letters WHERE message_id = ANY($1)',
          [poison.map((p) => p.id)],
        );
        return rows.length === poison.length ? rows : false;
      },
      { what: 'dead letters' },
    );
    const byId = new Map(dead.map((r) => [r.message_id, r]));
    const reasons = poison.map((p) => String(byId.get(p.id)?.reason));
    expect(reasons[0]).toContain('not JSON');
    expect(reasons[1]).toContain('missing or empty attributes');
    expect(reasons[2]).toContain('invalid product snapshot');
    expect(byId.get(poison[0].id)?.body.toString()).toBe('{not json');
    expect(byId.get(poison[0].id)?.headers['x-original-queue']).toBe('catalog.product');
  });

  it('dead-letters a snapshot that breaks the contract or its envelope, with the reason', async () => {
    const priceAsText = { ...snapshotEvent(randomUUID(), 1, 'text price') };
    priceAsText.data = { ...priceAsText.data, priceCents: '100' as unknown as number };
    const wrongVersion = {
      ...snapshotEvent(randomUUID(), 2, 'wrong version'),
      aggregateversion: 3,
    };
    const poison = [priceAsText, wrongVersion];
    for (const p of poison) await send(p);
    const db = await system.db('catalog');
    const reasons = await waitFor(
      async () => {
        const rows = await db.query<{ message_id: string; reason: string }>(
          'SELECT message_id, reason FROM dead_letters WHERE message_id = ANY($1)',
          [poison.map((p) => p.id)],
        );
        return rows.length === poison.length
          ? new Map(rows.map((r) => [r.message_id, r.reason]))
          : false;
      },
      { what: 'both parked' },
    );
    expect(reasons.get(priceAsText.id)).toContain('invalid product snapshot');
    expect(reasons.get(priceAsText.id)).toContain('priceCents must be an integer number');
    expect(reasons.get(wrongVersion.id)).toContain('data.version 2 is not the aggregateversion 3');
    for (const p of poison) expect(await mirror(p.subject)).toBeUndefined();
  });
});
