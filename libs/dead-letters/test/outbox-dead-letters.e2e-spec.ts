import { http, type DeadLetterApi } from '@app/testing';
import {
  expectAdminOnly,
  expectBadInputRefused,
  expectPaging,
  expectSummary,
  expectView,
} from './dead-letter-contract';
import { OutboxDeadLetterFixture, type OutboxRowState } from './outbox-dead-letter-fixture';

/**
 * Outbox dead letters for real, read side: with no queue bound to `product.events`, events are
 * unroutable and dead-lettered after two attempts; operators list and inspect them over the
 * product service's admin API, with the same contract as consumer dead letters
 * (consumer-dead-letters.e2e-spec.ts). Requeue and discard: outbox-dead-letters-actions.
 */
describe('outbox dead letters: list and inspect (product, /admin/outbox/dead-letters)', () => {
  let fixture: OutboxDeadLetterFixture;
  let api: DeadLetterApi;
  let a: { productId: string; row: OutboxRowState };
  let all: { productId: string; row: OutboxRowState }[];

  beforeAll(async () => {
    fixture = await OutboxDeadLetterFixture.start();
    api = fixture.api;
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

  it('lists dead letters newest first in the shared shape, paged with a cursor', async () => {
    const listed = await api.list();
    expect(listed.status).toBe(200);
    const expected = await fixture.db.query<{ id: string }>(
      `SELECT id FROM outbox_messages WHERE dead_lettered_at IS NOT NULL
        ORDER BY dead_lettered_at DESC, id DESC`,
    );
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual(expected.map((e) => e.id));
    expect(listed.body.items).toHaveLength(4);
    expect(listed.body.nextCursor).toBeNull();
    for (const item of listed.body.items) expectSummary(item, 'outbox');
    await expectPaging(api, {});
  });

  it('filters by destination, event type and subject', async () => {
    expect(await api.items({ subject: a.productId })).toEqual([
      {
        id: a.row.id,
        kind: 'outbox',
        status: 'parked',
        destination: 'product.events',
        messageId: a.row.event_id,
        eventType: 'product.created',
        subject: a.productId,
        reason: a.row.last_error,
        attempts: 2,
        deadLetteredAt: a.row.dead_lettered_at?.toISOString(),
        resolvedAt: null,
        resolvedBy: null,
        resolutionNote: null,
      },
    ]);
    const created = await api.items({
      eventType: 'product.created',
      destination: 'product.events',
    });
    expect(created).toHaveLength(4);
    expect(await api.items({ eventType: 'product.updated' })).toEqual([]);
    expect(await api.items({ destination: 'order.events' })).toEqual([]);
  });

  it('inspects a dead letter: the CloudEvent as published, headers and the attempt log', async () => {
    const res = await api.inspect(a.row.id);
    expect(res.status).toBe(200);
    expectView(res.body, 'outbox');
    expect(res.body).toMatchObject({
      id: a.row.id,
      messageId: a.row.event_id,
      attempts: 2,
      contentType: 'application/cloudevents+json',
      headers: {},
      payload: {
        specversion: '1.0',
        id: a.row.event_id,
        type: 'product.created',
        subject: a.productId,
        data: { id: a.productId, sku: 'DL-a' },
      },
    });
    expect(JSON.parse(res.body.body)).toEqual(res.body.payload);
    expect(res.body.attemptLog).toHaveLength(2);
    for (const entry of res.body.attemptLog) expect(entry.error).toContain('unroutable');
  });

  it('lists no requeued status: a requeued row is an outbox message again (400)', async () => {
    const res = await api.list({ status: 'requeued' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('audit log');
  });

  it('documents both kinds with the same schemas in the OpenAPI document', async () => {
    const doc = await http('GET', `${fixture.system.url('product')}/docs/openapi.json`);
    const paths = doc.body.paths;
    for (const base of ['/admin/outbox/dead-letters', '/admin/dead-letters']) {
      expect(Object.keys(paths)).toEqual(
        expect.arrayContaining([base, `${base}/{id}`, `${base}/requeue`, `${base}/discard`]),
      );
      expect(paths[`${base}/{id}`].get.responses['200'].content).toEqual({
        'application/json': { schema: { $ref: '#/components/schemas/DeadLetterDto' } },
      });
      expect(paths[`${base}/requeue`].post.responses['200'].content).toEqual({
        'application/json': { schema: { $ref: '#/components/schemas/DeadLetterActionResultDto' } },
      });
    }
    expect(doc.body.components.schemas.DiscardDeadLettersDto.properties).toHaveProperty('all');
  });

  it('is admin-only and refuses bad input with 400, like the consumer dead letters', async () => {
    await expectAdminOnly(api, a.row.id);
    await expectBadInputRefused(api);
    expect(await fixture.audit('dead-letter.requeued')).toEqual([]);
    expect((await fixture.row(a.productId)).dead_lettered_at).not.toBeNull();
  });
});
