import { Pool } from 'pg';
import { RelayStore } from '@app/relay';
import { http, ServiceSystem, waitFor, type DatabaseProbe, type Tap } from '@app/testing';

interface OutboxRow {
  id: string;
  event_type: string;
  state: 'pending' | 'published' | 'dead-lettered';
  data: Record<string, unknown>;
  row: string;
}

/**
 * A purge leaves no copy of the product in the outbox: its pending events are withdrawn, its
 * published and dead-lettered ones keep `{ id }`, and only the purge event is left to send.
 */
describe('purge and the outbox', () => {
  let system: ServiceSystem;
  let base: string;
  let db: DatabaseProbe;
  let events: Tap;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product'], {
      env: { product: { PRODUCT_RELAY_ENABLED: 'false' } },
    });
    base = system.url('product');
    db = await system.db('product');
    events = await system.amqp.tap('product.events');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const fields = { sku: 'SECRET-SKU', name: 'Secret name', description: 'Secret text' };

  async function create(sku: string): Promise<string> {
    const res = await http('POST', `${base}/products`, {
      admin: true,
      body: { ...fields, sku, priceCents: 424242, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  async function decommissionAndPurge(id: string): Promise<void> {
    await http('POST', `${base}/admin/products/${id}/decommission`, {
      admin: true,
      body: { reason: 'recall' },
    });
    const purge = await http('POST', `${base}/admin/products/${id}/purge`, {
      admin: true,
      body: { reason: 'erasure request' },
    });
    expect(purge.status).toBe(204);
  }

  async function outboxOf(id: string): Promise<OutboxRow[]> {
    return db.query<OutboxRow>(
      `SELECT id, event_type, payload->'data' AS data, row_to_json(o)::text AS row,
              CASE WHEN published_at IS NOT NULL THEN 'published'
                   WHEN dead_lettered_at IS NOT NULL THEN 'dead-lettered'
                   ELSE 'pending' END AS state
         FROM outbox_messages o WHERE aggregate_id = $1 ORDER BY id`,
      [id],
    );
  }

  function expectNoProductData(rows: OutboxRow[], skus: string[]): void {
    for (const row of rows) {
      for (const value of [...skus, fields.name, fields.description, '424242']) {
        expect({ row: row.row, leaks: row.row.includes(value) }).toEqual({
          row: row.row,
          leaks: false,
        });
      }
    }
  }

  it('withdraws pending events, scrubs published and dead-lettered ones, leaves only the purge pending', async () => {
    const id = await create('SECRET-SKU-1');
    const bystander = await create('SECRET-SKU-KEPT');
    // The relay is off: mark the first two events as a relay would have left them.
    await db.query(
      `UPDATE outbox_messages SET published_at = now(), attempts = 1
        WHERE aggregate_id = $1 AND event_type = 'product.created'`,
      [id],
    );
    const update = await http('PATCH', `${base}/products/${id}`, {
      admin: true,
      body: { name: `${fields.name} 2`, description: `${fields.description} 2` },
    });
    expect(update.status).toBe(200);
    await db.query(
      `UPDATE outbox_messages SET dead_lettered_at = now(), attempts = 10, last_error = 'nack'
        WHERE aggregate_id = $1 AND event_type = 'product.updated'`,
      [id],
    );
    await decommissionAndPurge(id);

    const rows = await outboxOf(id);
    expect(rows.map((r) => [r.event_type, r.state, r.data])).toEqual([
      ['product.created', 'published', { id }],
      ['product.updated', 'dead-lettered', { id }],
      ['product.purged', 'pending', { id }],
    ]);
    expectNoProductData(rows, ['SECRET-SKU-1']);
    // Another product's pending event is untouched.
    const kept = await outboxOf(bystander);
    expect(kept.map((r) => [r.event_type, r.state, r.data.sku])).toEqual([
      ['product.created', 'pending', 'SECRET-SKU-KEPT'],
    ]);
  });

  it('does not wait for a relay that claimed the pending rows; its mark then updates nothing', async () => {
    const id = await create('SECRET-SKU-2');
    const claimed = (await outboxOf(id)).map((r) => r.id);
    const pool = new Pool({ connectionString: system.environment.databaseUrl('product'), max: 1 });
    const client = await pool.connect();
    try {
      const store = new RelayStore('outbox_messages', 10);
      const claim = await store.beginAndClaim(client, 1000, 16, 1000);
      expect(claim.rows.map((r) => r.id)).toEqual(expect.arrayContaining(claimed));
      // The claim holds lane locks, not row locks: the purge goes through while it is open.
      await decommissionAndPurge(id);
      // As the relay would after publishing them; other products' rows it claimed stay pending.
      await store.markPublishedAndCommit(client, claimed);
    } finally {
      client.release();
      await pool.end();
    }
    const rows = await outboxOf(id);
    expect(rows.map((r) => [r.event_type, r.state, r.data])).toEqual([
      ['product.purged', 'pending', { id }],
    ]);
    expectNoProductData(rows, ['SECRET-SKU-2']);
  });

  it('publishes the purge event once a relay runs, and nothing the purge withdrew', async () => {
    const [first, second] = (
      await db.query<{ aggregate_id: string }>(
        `SELECT aggregate_id FROM outbox_messages WHERE event_type = 'product.purged' ORDER BY id`,
      )
    ).map((r) => r.aggregate_id);
    await system.startRelay('product');
    const typesOf = (id: string) =>
      events
        .bodies<{ subject: string; type: string; data: unknown }>()
        .filter((e) => e.subject === id);
    await waitFor(
      () => typesOf(first).length > 0 && typesOf(second).length > 0 && events.messages.length,
      { what: 'both purge events' },
    );
    await waitFor(
      async () =>
        (
          await db.query(
            'SELECT 1 FROM outbox_messages WHERE published_at IS NULL AND dead_lettered_at IS NULL',
          )
        ).length === 0,
      { what: 'the relay to drain the outbox' },
    );
    for (const id of [first, second]) {
      expect(typesOf(id).map((e) => [e.type, e.data])).toEqual([['product.purged', { id }]]);
    }
    for (const message of events.messages) {
      expect(message.content.toString()).not.toContain('SECRET-SKU-1');
      expect(message.content.toString()).not.toContain('SECRET-SKU-2');
    }
    expect(
      events
        .bodies<{ type: string }>()
        .map((e) => e.type)
        .sort(),
    ).toEqual(['product.created', 'product.purged', 'product.purged']);
  });
});
