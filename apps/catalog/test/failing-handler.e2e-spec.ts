import { randomUUID } from 'node:crypto';
import { http, productSnapshotEvent, ServiceSystem, waitFor } from '@app/testing';

/**
 * A handler that fails every time (a check of the mirror's table refuses the row): the message
 * is retried with backoff, then dead-lettered, while the queue keeps draining. Once the cause is
 * fixed (the check dropped), an operator requeues it and it is applied exactly once.
 */
describe('a handler that always fails', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog'], {
      env: {
        catalog: { CATALOG_CONSUMER_MAX_RETRIES: '2', CATALOG_CONSUMER_RETRY_BASE_DELAY_MS: '50' },
      },
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function send(event: { id: string; type: string }): Promise<void> {
    await system.amqp.publish('product.events', event.type, event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
    });
  }

  it('is dead-lettered after its retries, and applied once when requeued after a fix', async () => {
    const db = await system.db('catalog');
    await db.query(
      `ALTER TABLE product_mirror ADD CONSTRAINT "no_refused_names" CHECK (name <> 'Refused')`,
    );
    const failing = productSnapshotEvent(randomUUID(), 1, { name: 'Refused' });
    await send(failing);
    const others = Array.from({ length: 20 }, () => productSnapshotEvent(randomUUID(), 1));
    for (const event of others) await send(event);

    // The queue keeps flowing around the failing message.
    await waitFor(
      async () =>
        (
          await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM product_mirror WHERE id = ANY($1)',
            [others.map((e) => e.subject)],
          )
        )[0].n === others.length,
      { what: 'the other messages to be applied' },
    );
    const parked = await waitFor(
      async () => {
        const res = await http(
          'GET',
          `${system.url('catalog')}/admin/dead-letters?subject=${failing.subject}`,
          {
            admin: true,
          },
        );
        return res.body.items.length === 1 ? res.body.items[0] : false;
      },
      { what: 'the failing message to be parked' },
    );
    expect(parked).toMatchObject({ messageId: failing.id, attempts: 2 });
    expect(parked.reason).toContain('gave up after 2 retries');
    expect(parked.reason).toContain('no_refused_names');

    // The fix: the check goes; then the operator requeues the message.
    await db.query('ALTER TABLE product_mirror DROP CONSTRAINT "no_refused_names"');
    const requeue = await http('POST', `${system.url('catalog')}/admin/dead-letters/requeue`, {
      admin: true,
      body: { ids: [parked.id] },
    });
    expect(requeue.status).toBe(200);
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM product_mirror WHERE id = $1', [failing.subject])).length ===
        1,
      { what: 'the requeued message to be applied' },
    );
    const [row] = await db.query<{ name: string }>(
      'SELECT name FROM product_mirror WHERE id = $1',
      [failing.subject],
    );
    expect(row.name).toBe('Refused');
    const inbox = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE message_id = $1',
      [failing.id],
    );
    expect(inbox[0].n).toBe(1);
  });
});
