import { http, ServiceSystem, waitFor, type AppProcess, type Tap } from '@app/testing';

/**
 * The relay is killed (SIGKILL) after the broker confirmed a message but before the row was
 * marked published. The next relay publishes it again; the consumer's inbox makes the second
 * delivery a no-op: one change applied, nothing lost.
 */
describe('relay killed between the broker confirm and marking the row', () => {
  let system: ServiceSystem;
  let relay: AppProcess;
  let events: Tap;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: { product: { PRODUCT_RELAY_ENABLED: 'false' } },
    });
    relay = await system.startRelay('product');
    events = await system.amqp.tap('product.events');
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function catalogCounts(): Promise<Record<string, number>> {
    const health = await http('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    return health.body.consumers[0].counts;
  }

  it('republishes after the crash and the change is applied exactly once', async () => {
    const product = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: 'CRASH-1', name: 'crash', priceCents: 10, currency: 'EUR' },
    });
    const id: string = product.body.id;
    const catalog = await system.db('catalog');
    const mirrorVersion = async (): Promise<number | undefined> =>
      (
        await catalog.query<{ version: number }>(
          'SELECT version FROM product_mirror WHERE id = $1',
          [id],
        )
      )[0]?.version;
    await waitFor(async () => (await mirrorVersion()) === 1, { what: 'v1 in the mirror' });

    // The next batch kills its relay once the broker has confirmed, before the row is marked.
    await relay.stop();
    const db = await system.db('product');
    const doomed = await system.startRelay('product', { FAILPOINTS: 'relay.after-confirm' });

    const decommission = await http(
      'POST',
      `${system.url('product')}/admin/products/${id}/decommission`,
      {
        admin: true,
        body: { reason: 'crash test' },
      },
    );
    expect(decommission.status).toBe(200);
    const [row] = await db.query<{ event_id: string }>(
      `SELECT event_id FROM outbox_messages WHERE aggregate_id = $1 AND event_type = 'product.decommissioned'`,
      [id],
    );
    const delivered = () =>
      events.messages.filter((m) => m.properties.messageId === row.event_id).length;

    // Confirmed and delivered, yet not marked: the relay is dead.
    await waitFor(() => !doomed.running, { what: 'the relay to die at the failpoint' });
    await waitFor(async () => (await mirrorVersion()) === 2 && delivered() === 1, {
      what: 'delivery of v2',
    });
    const pending = await db.query('SELECT published_at FROM outbox_messages WHERE event_id = $1', [
      row.event_id,
    ]);
    expect(pending[0].published_at).toBeNull();

    const before = await catalogCounts();
    relay = await system.startRelay('product');

    await waitFor(() => delivered() === 2, { what: 'the second delivery' });
    // At least once: the broker may hand the consumer a copy more than once; each is skipped.
    await waitFor(async () => (await catalogCounts()).duplicate >= before.duplicate + 1, {
      what: 'the consumer to skip the duplicate',
    });
    await waitFor(
      async () =>
        (
          await db.query('SELECT published_at FROM outbox_messages WHERE event_id = $1', [
            row.event_id,
          ])
        )[0].published_at !== null,
      { what: 'the row to be marked published by the new relay' },
    );
    const inbox = await catalog.query(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE message_id = $1',
      [row.event_id],
    );
    expect(inbox[0].n).toBe(1);
    expect((await catalogCounts()).applied).toBe(before.applied);
    expect(await mirrorVersion()).toBe(2);
  });

  it('killed after claiming and before publishing: nothing lost, nothing sent twice', async () => {
    await relay.stop();
    const tap = await system.amqp.tap('product.events');
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http('POST', `${system.url('product')}/products`, {
          admin: true,
          body: { sku: `BEFORE-${i}`, name: 'b', priceCents: 1, currency: 'EUR' },
        }),
      ),
    );
    const doomed = await system.startRelay('product', { FAILPOINTS: 'relay.before-publish' });
    await waitFor(() => !doomed.running, { what: 'the relay to die at the failpoint' });
    expect(tap.messages).toHaveLength(0);
    relay = await system.startRelay('product');
    await waitFor(() => tap.messages.length >= created.length, { what: 'every event' });
    const ids = tap.messages.map((m) => String(m.properties.messageId));
    expect(new Set(ids).size).toBe(created.length);
    expect(ids).toHaveLength(created.length);
  });
});
