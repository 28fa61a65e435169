import { randomUUID } from 'node:crypto';
import {
  DeadLetterApi,
  http,
  productSnapshotEvent,
  rabbitmqctl,
  ServiceSystem,
  setQueuePolicy,
  waitFor,
} from '@app/testing';
import {
  expectAdminOnly,
  expectBadInputRefused,
  expectPaging,
  expectResult,
  expectSummary,
  expectView,
} from './dead-letter-contract';

/**
 * Consumer dead letters as operators see them, through the catalog: parked from
 * `catalog.product.dlq` into its database, listed, filtered and paged, inspected, discarded,
 * and requeued with their message id (a poison one fails again and is parked again; a valid
 * one is applied). The same contract as the outbox's (outbox-dead-letters*.e2e-spec.ts).
 */
describe('consumer dead letters (catalog, /admin/dead-letters)', () => {
  let system: ServiceSystem;
  let api: DeadLetterApi;
  const badJson = { id: randomUUID(), type: 'product.updated' };
  const invalidSubject = randomUUID();
  const invalid = { ...snapshotEvent(invalidSubject, 1), data: { id: 'x' } };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog']);
    api = new DeadLetterApi(`${system.url('catalog')}/admin/dead-letters`);
  });

  afterAll(async () => {
    await system?.stop();
  });

  function snapshotEvent(id: string, version: number) {
    return productSnapshotEvent(id, version, { name: 'parked', priceCents: 100 });
  }

  async function send(event: { id: string; type: string }, body?: Buffer): Promise<void> {
    await system.amqp.publish('product.events', event.type, body ?? event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
    });
  }

  /** Publishes straight into the DLQ, as the consumer would after giving up. */
  async function park(event: { id: string; type: string }, reason = 'test'): Promise<string> {
    await system.amqp.publish('', 'catalog.product.dlq', event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
      headers: { 'x-dead-letter-reason': reason },
    });
    return (await waitFor(() => api.parked(event.id), { what: `${event.id} parked` })).id;
  }

  async function audited(action: string, id: string): Promise<Record<string, unknown>[]> {
    const res = await http(
      'GET',
      `${system.url('catalog')}/admin/audit?action=${action}&entityType=dead_letter&entityId=${id}`,
      { admin: true },
    );
    return res.body.items;
  }

  it('parks poison from the DLQ, newest first, with its reason, and drains the DLQ', async () => {
    await send(badJson, Buffer.from('{not json'));
    ids.badJson = (await waitFor(() => api.parked(badJson.id), { what: 'bad JSON parked' })).id;
    await send(invalid);
    ids.invalid = (await waitFor(() => api.parked(invalid.id), { what: 'invalid parked' })).id;

    const items = await api.items({ destination: 'catalog.product' });
    expect(items.map((d) => d.id)).toEqual([ids.invalid, ids.badJson]);
    for (const item of items) expectSummary(item, 'consumer');
    expect(items[0]).toMatchObject({
      kind: 'consumer',
      destination: 'catalog.product',
      messageId: invalid.id,
      eventType: 'product.created',
      subject: invalidSubject,
      status: 'parked',
      attempts: 0,
    });
    expect(items[0].reason).toContain('invalid product snapshot');
    expect(items[1].reason).toContain('not JSON');
    expect(items[1].subject).toBeNull();
    await waitFor(async () => (await system.amqp.messageCount('catalog.product.dlq')) === 0, {
      what: 'an empty DLQ',
    });
  });

  it('filters by destination, event type and subject, and pages with a cursor', async () => {
    expect((await api.items({ eventType: 'product.created' })).map((d) => d.id)).toEqual([
      ids.invalid,
    ]);
    expect((await api.items({ subject: invalidSubject })).map((d) => d.id)).toEqual([ids.invalid]);
    expect(await api.items({ destination: 'order.product' })).toEqual([]);
    await expectPaging(api, { destination: 'catalog.product' });
  });

  it('inspects one: headers, body, payload and the failure it was parked with', async () => {
    const res = await api.inspect(ids.invalid);
    expect(res.status).toBe(200);
    expectView(res.body, 'consumer');
    expect(res.body.payload).toEqual(invalid);
    expect(JSON.parse(res.body.body)).toEqual(invalid);
    expect(res.body.contentType).toBe('application/cloudevents+json');
    expect(res.body.headers['x-original-queue']).toBe('catalog.product');
    expect(res.body.attemptLog).toEqual([{ at: res.body.deadLetteredAt, error: res.body.reason }]);
    const bad = await api.inspect(ids.badJson);
    expect(bad.body).toMatchObject({ body: '{not json', payload: null });
  });

  it('is admin-only and refuses bad input with 400, like the outbox dead letters', async () => {
    await expectAdminOnly(api, ids.invalid);
    await expectBadInputRefused(api);
    expect((await api.items()).map((d) => d.id)).toEqual([ids.invalid, ids.badJson]);
  });

  it('discards one by id: kept with who and why, audited; a second discard skips it', async () => {
    const body = { ids: [ids.badJson], reason: 'garbage from a test' };
    const res = await api.discard(body);
    expect(res.status).toBe(200);
    expectResult(res.body, { ids: [ids.badJson] });
    expect((await api.items()).map((d) => d.id)).not.toContain(ids.badJson);
    const [discarded] = await api.items({ status: 'discarded' });
    expectSummary(discarded, 'consumer');
    expect(discarded).toMatchObject({
      id: ids.badJson,
      status: 'discarded',
      resolvedBy: 'test-admin',
      resolutionNote: 'garbage from a test',
    });
    expect((await api.inspect(ids.badJson)).body.status).toBe('discarded');
    expectResult((await api.discard(body)).body, { ids: [], skipped: [ids.badJson] });
    expect(await audited('dead-letter.discarded', ids.badJson)).toEqual([
      expect.objectContaining({
        actor: 'test-admin',
        details: expect.objectContaining({
          kind: 'consumer',
          destination: 'catalog.product',
          messageId: badJson.id,
          reason: 'garbage from a test',
        }),
      }),
    ]);
  });

  it('requeues a poison one by id with its message id: it fails and is parked again', async () => {
    const res = await api.requeue({ ids: [ids.invalid, '999999999'] });
    expect(res.status).toBe(200);
    expectResult(res.body, { ids: [ids.invalid], skipped: ['999999999'] });
    const again = await waitFor(() => api.parked(invalid.id, ids.invalid), {
      what: 'the requeued message parked again',
    });
    expect(BigInt(again.id)).toBeGreaterThan(BigInt(ids.invalid));
    expect(again.reason).toContain('invalid product snapshot');
    const [old] = await api.items({ status: 'requeued', subject: invalidSubject });
    expect(old).toMatchObject({ id: ids.invalid, status: 'requeued', resolvedBy: 'test-admin' });
    const detail = await api.inspect(again.id);
    expect(detail.body.headers['x-requeued-by']).toBe('test-admin');
    expect(detail.body.headers['x-requeued-from']).toBe(ids.invalid);
    expect(await audited('dead-letter.requeued', ids.invalid)).toHaveLength(1);
    ids.again = again.id;
  });

  it('discards by filter and requeues by filter: only the parked letters that match', async () => {
    const subject = randomUUID();
    const first = snapshotEvent(subject, 1);
    const second = snapshotEvent(subject, 2);
    const other = snapshotEvent(randomUUID(), 1);
    const [a, b, c] = [await park(first), await park(second), await park(other)];

    const discard = await api.discard({ filter: { subject }, reason: 'superseded' });
    expectResult(discard.body, { ids: [a, b] });
    const requeue = await api.requeue({ filter: { subject } });
    expectResult(requeue.body, { ids: [] });
    expect((await api.items({ status: 'discarded', subject })).map((d) => d.id)).toEqual([b, a]);

    const applied = await api.requeue({ filter: { subject: other.subject } });
    expectResult(applied.body, { ids: [c] });
  });

  it('requeues a valid parked event with all: true and the mirror applies it once', async () => {
    const productId = randomUUID();
    const event = snapshotEvent(productId, 1);
    const id = await park(event);
    expect((await api.inspect(id)).body).toMatchObject({ reason: 'test', subject: productId });

    const res = await api.requeue({ all: true });
    expect(res.status).toBe(200);
    expect(res.body.ids).toContain(id);
    expect(res.body.ids).toContain(ids.again);
    expect(res.body).toMatchObject({ skipped: [], failures: [] });
    const db = await system.db('catalog');
    const mirrored = await waitFor(
      async () =>
        (await db.query('SELECT name, version FROM product_mirror WHERE id = $1', [productId]))[0],
      { what: 'the product in the mirror' },
    );
    expect(mirrored).toEqual({ name: 'parked', version: 1 });
    const inbox = await db.query(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE message_id = $1',
      [event.id],
    );
    expect(inbox[0].n).toBe(1);
    expect((await api.inspect(id)).body.status).toBe('requeued');
    expect(await api.parked(event.id)).toBe(false);
  });

  it('keeps a dead letter in the broker while the database refuses it, past a delivery limit on the DLQ, then parks it', async () => {
    // RabbitMQ 4.x gives every quorum queue a delivery limit (20 by default); a policy sets one
    // of 1 here. A refused letter must outlive more refusals than that: none may be dropped.
    const vhost = system.environment.vhost;
    await setQueuePolicy(vhost, 'dlq-limit', '^catalog\\.product\\.dlq$', {
      'delivery-limit': 1,
    });
    const event = snapshotEvent(randomUUID(), 1);
    const refusals = () =>
      system.app('catalog').logs().split(`could not park ${event.id}`).length - 1;
    const db = await system.db('catalog');
    await db.query('ALTER TABLE dead_letters RENAME TO dead_letters_away');
    try {
      await system.amqp.publish('', 'catalog.product.dlq', event, { messageId: event.id });
      await waitFor(() => refusals() >= 3, { what: 'the parker to be refused three times' });
    } finally {
      await db.query('ALTER TABLE dead_letters_away RENAME TO dead_letters');
      await rabbitmqctl('clear_policy', '-p', vhost, 'dlq-limit');
    }
    const row = await waitFor(() => api.parked(event.id), { what: 'parked after the outage' });
    expect(row.reason).toBe('unknown');
  });
});
