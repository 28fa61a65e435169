import { randomUUID } from 'node:crypto';
import { signToken } from '@app/auth';
import {
  http,
  productSnapshotEvent,
  rabbitmqctl,
  ServiceSystem,
  setQueuePolicy,
  waitFor,
} from '@app/testing';

/**
 * Consumer dead letters as operators see them: parked from `catalog.product.dlq` into the
 * catalog database, listed and filtered, inspected, discarded, and requeued with their message
 * id (a poison one fails again and is parked again; a valid one is applied).
 */
describe('catalog dead letters (admin)', () => {
  let system: ServiceSystem;
  let base: string;
  const badJson = { id: randomUUID(), type: 'product.updated' };
  const invalidSubject = randomUUID();
  const invalid = { ...snapshotEvent(invalidSubject, 1), data: { id: 'x' } };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog']);
    base = `${system.url('catalog')}/admin/dead-letters`;
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

  async function list(query = ''): Promise<any[]> {
    const res = await http('GET', `${base}${query}`, { admin: true });
    expect(res.status).toBe(200);
    return res.body.items;
  }

  async function parked(messageId: string, except?: number): Promise<any> {
    const items = await list('?limit=500');
    return items.find((d) => d.messageId === messageId && d.id !== except) ?? false;
  }

  it('parks poison from the DLQ, newest first, with its reason, and drains the DLQ', async () => {
    await send(badJson, Buffer.from('{not json'));
    ids.badJson = (await waitFor(() => parked(badJson.id), { what: 'bad JSON parked' })).id;
    await send(invalid);
    ids.invalid = (await waitFor(() => parked(invalid.id), { what: 'invalid parked' })).id;

    const items = await list('?queue=catalog.product');
    expect(items.map((d) => d.id)).toEqual([ids.invalid, ids.badJson]);
    expect(items[0]).toMatchObject({
      queue: 'catalog.product',
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

  it('filters by event type and by aggregate id', async () => {
    expect((await list('?eventType=product.created')).map((d) => d.id)).toEqual([ids.invalid]);
    expect((await list(`?subject=${invalidSubject}`)).map((d) => d.id)).toEqual([ids.invalid]);
    expect(await list('?queue=order.product')).toEqual([]);
  });

  it('inspects one: payload, headers, reason, last error', async () => {
    const res = await http('GET', `${base}/${ids.invalid}`, { admin: true });
    expect(res.status).toBe(200);
    expect(res.body.payload).toEqual(invalid);
    expect(JSON.parse(res.body.body)).toEqual(invalid);
    expect(res.body.headers['x-original-queue']).toBe('catalog.product');
    expect(res.body.lastError).toBe(res.body.reason);
    const bad = await http('GET', `${base}/${ids.badJson}`, { admin: true });
    expect(bad.body).toMatchObject({ body: '{not json', payload: null });
    expect((await http('GET', `${base}/99999999`, { admin: true })).status).toBe(404);
    expect((await http('GET', `${base}/abc`, { admin: true })).status).toBe(400);
  });

  it('refuses callers without a token (401) or without the admin role (403)', async () => {
    expect((await http('GET', base)).status).toBe(401);
    const viewer = signToken({ sub: 'viewer', roles: ['viewer'] });
    const res = await http('POST', `${base}/requeue`, {
      body: { all: true },
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ['nothing', {}],
    ['two selectors', { ids: [1], all: true }],
    ['all: false', { all: false }],
    ['an empty filter', { filter: {} }],
    ['an unknown field', { ids: [1], force: true }],
    ['an unknown filter field', { filter: { aggregate: 'x' } }],
    ['ids that are not ids', { ids: ['a'] }],
  ])('answers 400 to a requeue with %s', async (_, body) => {
    const res = await http('POST', `${base}/requeue`, { body, admin: true });
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('answers 400 to bad listing and discard input', async () => {
    const none = await http('POST', `${base}/requeue`, { body: {}, admin: true });
    expect(String(none.body.message)).toContain('exactly one of');
    expect((await http('GET', `${base}?limit=0`, { admin: true })).status).toBe(400);
    expect((await http('GET', `${base}?status=gone`, { admin: true })).status).toBe(400);
    const noReason = await http('POST', `${base}/discard`, { body: { ids: [1] }, admin: true });
    expect(noReason.status).toBe(400);
  });

  it('discards one: no longer parked, kept with who and why, audited', async () => {
    const body = { ids: [ids.badJson], reason: 'garbage from a test' };
    const res = await http('POST', `${base}/discard`, { body, admin: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ discarded: 1, skipped: 0 });
    expect((await list()).map((d) => d.id)).not.toContain(ids.badJson);
    const [discarded] = await list(`?status=discarded`);
    expect(discarded).toMatchObject({
      id: ids.badJson,
      resolvedBy: 'test-admin',
      resolutionNote: 'garbage from a test',
    });
    const again = await http('POST', `${base}/discard`, { body, admin: true });
    expect(again.body).toEqual({ discarded: 0, skipped: 1 });
    expect(await auditCount('dead-letter.discarded', ids.badJson)).toBe(1);
  });

  it('requeues a poison one by id with its message id: it fails and is parked again', async () => {
    const res = await http('POST', `${base}/requeue`, {
      body: { ids: [ids.invalid] },
      admin: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ requeued: 1, failed: 0, skipped: 0 });
    const again = await waitFor(() => parked(invalid.id, ids.invalid), {
      what: 'the requeued message parked again',
    });
    expect(again.id).toBeGreaterThan(ids.invalid);
    expect(again.reason).toContain('invalid product snapshot');
    const [old] = await list(`?status=requeued&subject=${invalidSubject}`);
    expect(old).toMatchObject({ id: ids.invalid, status: 'requeued', resolvedBy: 'test-admin' });
    const detail = await http('GET', `${base}/${again.id}`, { admin: true });
    expect(detail.body.headers['x-requeued-by']).toBe('test-admin');
    expect(detail.body.headers['x-requeued-from']).toBe(String(ids.invalid));
    expect(await auditCount('dead-letter.requeued', ids.invalid)).toBe(1);
  });

  it('requeues a valid parked event with all: true and the mirror applies it once', async () => {
    const productId = randomUUID();
    const event = snapshotEvent(productId, 1);
    await system.amqp.publish('', 'catalog.product.dlq', event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
      headers: { 'x-dead-letter-reason': 'test' },
    });
    const row = await waitFor(() => parked(event.id), { what: 'the valid event parked' });
    expect(row).toMatchObject({ reason: 'test', subject: productId });

    const res = await http('POST', `${base}/requeue`, { body: { all: true }, admin: true });
    expect(res.status).toBe(200);
    expect(res.body.requeued).toBeGreaterThanOrEqual(1);
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
    const [requeued] = await db.query('SELECT status FROM dead_letters WHERE id = $1', [row.id]);
    expect(requeued.status).toBe('requeued');
    expect(await parked(event.id)).toBe(false);
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
    const row = await waitFor(() => parked(event.id), { what: 'parked after the outage' });
    expect(row.reason).toBe('unknown');
  });

  async function auditCount(action: string, id: number): Promise<number> {
    const db = await system.db('catalog');
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log
        WHERE action = $1 AND entity_type = 'dead_letter' AND entity_id = $2`,
      [action, String(id)],
    );
    return rows[0].n;
  }
});
