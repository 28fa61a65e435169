import { signToken } from '@app/auth';
import { http } from '@app/testing';
import { DeadLetterFixture, type OutboxRowState } from './dead-letter-fixture';

/**
 * Outbox dead letters for real, read side: with no queue bound to `product.events`, events are
 * unroutable and dead-lettered after two attempts; operators list and inspect them over the
 * product service's admin API. Requeue and discard: outbox-dead-letters-actions.e2e-spec.ts.
 */
describe('outbox dead letters: list and inspect (product service)', () => {
  let fixture: DeadLetterFixture;
  let base: string;
  let a: { productId: string; row: OutboxRowState };
  let all: { productId: string; row: OutboxRowState }[];

  beforeAll(async () => {
    fixture = await DeadLetterFixture.start();
    base = fixture.base;
    all = await fixture.deadLetters(['a', 'b', 'c', 'd']);
    a = all[0];
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  it('dead-letters unroutable rows after the retry budget, with their attempt history', () => {
    for (const { row } of all) {
      expect(row.attempts).toBe(2);
      expect(row.last_error).toContain('unroutable');
      expect(row.attempt_log).toHaveLength(2);
      expect(row.published_at).toBeNull();
    }
  });

  it('lists dead letters newest first, pages with a cursor, filters by aggregate and type', async () => {
    const listed = await http('GET', base, { admin: true });
    expect(listed.status).toBe(200);
    const expected = await fixture.db.query<{ id: string }>(
      `SELECT id FROM outbox_messages WHERE dead_lettered_at IS NOT NULL
        ORDER BY dead_lettered_at DESC, id DESC`,
    );
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual(expected.map((e) => e.id));
    expect(listed.body.items).toHaveLength(4);
    expect(listed.body.nextCursor).toBeNull();

    const first = await http('GET', `${base}?limit=3`, { admin: true });
    expect(first.body.items).toHaveLength(3);
    const second = await http('GET', `${base}?limit=3&before=${first.body.nextCursor}`, {
      admin: true,
    });
    expect([...first.body.items, ...second.body.items]).toEqual(listed.body.items);
    expect(second.body.nextCursor).toBeNull();

    const byAggregate = await http('GET', `${base}?aggregateId=${a.productId}`, { admin: true });
    expect(byAggregate.body.items).toEqual([
      expect.objectContaining({
        id: a.row.id,
        eventId: a.row.event_id,
        eventType: 'product.created',
        exchange: 'product.events',
        routingKey: 'product.created',
        aggregateType: 'product',
        aggregateId: a.productId,
        aggregateVersion: 1,
        attempts: 2,
      }),
    ]);
    const created = await http('GET', `${base}?eventType=product.created&aggregateType=product`, {
      admin: true,
    });
    expect(created.body.items).toHaveLength(4);
    const updated = await http('GET', `${base}?eventType=product.updated`, { admin: true });
    expect(updated.body.items).toEqual([]);

    for (const query of ['limit=0', 'limit=501', 'before=nonsense', 'queue=x']) {
      expect((await http('GET', `${base}?${query}`, { admin: true })).status).toBe(400);
    }
  });

  it('inspects a dead letter: the CloudEvent, headers, attempts and the unroutable errors', async () => {
    const res = await http('GET', `${base}/${a.row.id}`, { admin: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: a.row.id,
      eventId: a.row.event_id,
      attempts: 2,
      headers: {},
      payload: {
        specversion: '1.0',
        id: a.row.event_id,
        type: 'product.created',
        subject: a.productId,
        data: { id: a.productId, sku: 'DL-a' },
      },
    });
    expect(res.body.lastError).toContain('unroutable');
    expect(res.body.attemptLog).toHaveLength(2);
    for (const entry of res.body.attemptLog) {
      expect(entry.error).toContain('unroutable');
      expect(new Date(entry.at).toISOString()).toBe(entry.at);
    }
    expect((await http('GET', `${base}/abc`, { admin: true })).status).toBe(400);
    const unknown = await http('GET', `${base}/999999999`, { admin: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await http('GET', `${fixture.system.url('product')}/docs/openapi.json`);
    const paths = doc.body.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/admin/outbox/dead-letters',
        '/admin/outbox/dead-letters/{id}',
        '/admin/outbox/dead-letters/requeue',
        '/admin/outbox/dead-letters/discard',
      ]),
    );
    expect(paths['/admin/outbox/dead-letters/{id}'].get.responses['200'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/OutboxDeadLetterDto' } },
    });
    expect(doc.body.components.schemas.OutboxRequeueDeadLettersDto.properties).toHaveProperty(
      'all',
    );
  });

  it('is admin-only: 401 without a token, 403 without the admin role', async () => {
    expect((await http('GET', base)).status).toBe(401);
    expect((await http('POST', `${base}/requeue`, { body: { all: true } })).status).toBe(401);
    const customer = { authorization: `Bearer ${signToken({ sub: 'c', roles: ['customer'] })}` };
    expect((await http('GET', `${base}/${a.row.id}`, { headers: customer })).status).toBe(403);
    const discard = await http('POST', `${base}/discard`, {
      headers: customer,
      body: { ids: [a.row.id], reason: 'no' },
    });
    expect(discard.status).toBe(403);
  });

  it('rejects a requeue without exactly one selector, and malformed ids, with 400', async () => {
    const none = await http('POST', `${base}/requeue`, { admin: true, body: {} });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(none.body.message).toMatch(/exactly one of "ids", "filter" or "all"/);
    const bodies = [
      { ids: [a.row.id], all: true },
      { all: false },
      { filter: {} },
      { ids: [] },
      { ids: ['x1'] },
      { all: true, force: true },
    ];
    for (const body of bodies) {
      const res = await http('POST', `${base}/requeue`, { admin: true, body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const noReason = await http('POST', `${base}/discard`, {
      admin: true,
      body: { ids: [a.row.id] },
    });
    expect(noReason.status).toBe(400);
    expect(await fixture.audit('outbox.requeued')).toEqual([]);
    expect((await fixture.row(a.productId)).dead_lettered_at).not.toBeNull();
  });
});
