import { waitFor, type DeadLetterApi } from '@app/testing';
import { expectResult, expectSummary } from './dead-letter-contract';
import { OutboxDeadLetterFixture, type OutboxRowState } from './outbox-dead-letter-fixture';

/**
 * Outbox dead letters for real, operator actions: discard keeps a row out of publishing for
 * good, with its reason; requeue (by filter, id or all) publishes with the original message
 * id, or dead-letters the row again with its attempt history kept. Every letter an action
 * changes gets its audit entry.
 */
describe('outbox dead letters: requeue and discard (product service)', () => {
  let fixture: OutboxDeadLetterFixture;
  let api: DeadLetterApi;
  let rows: Record<'a' | 'b' | 'c' | 'd', { productId: string; row: OutboxRowState }>;

  beforeAll(async () => {
    fixture = await OutboxDeadLetterFixture.start();
    api = fixture.api;
    const [a, b, c, d] = await fixture.deadLetters(['a', 'b', 'c', 'd']);
    rows = { a, b, c, d };
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  async function listedIds(): Promise<string[]> {
    return (await api.items()).map((i) => i.id);
  }

  it('discards a dead letter: kept with who and why, listed as discarded, audited', async () => {
    const { productId, row } = rows.d;
    const res = await api.discard({ ids: [row.id], reason: 'test data, nobody needs it' });
    expect(res.status).toBe(200);
    expectResult(res.body, { ids: [row.id] });

    expect(await listedIds()).not.toContain(row.id);
    const [discarded] = await api.items({ status: 'discarded' });
    expectSummary(discarded, 'outbox');
    expect(discarded).toMatchObject({
      id: row.id,
      status: 'discarded',
      resolvedBy: 'test-admin',
      resolutionNote: 'test data, nobody needs it',
    });
    const inspected = await api.inspect(row.id);
    expect(inspected.body.status).toBe('discarded');
    expect(inspected.body.attemptLog.at(-1).error).toBe(
      'discarded by test-admin: test data, nobody needs it',
    );
    const stored = await fixture.row(productId);
    expect(stored).toMatchObject({ discarded_by: 'test-admin', published_at: null });
    expect(stored.dead_lettered_at).not.toBeNull();
    expect(await fixture.audit('dead-letter.discarded')).toEqual([
      expect.objectContaining({
        action: 'dead-letter.discarded',
        entityType: 'outbox_message',
        entityId: row.id,
        actor: 'test-admin',
        details: {
          kind: 'outbox',
          destination: 'product.events',
          messageId: row.event_id,
          eventType: 'product.created',
          subject: productId,
          reason: 'test data, nobody needs it',
        },
      }),
    ]);
    const again = await api.discard({ ids: [row.id], reason: 'again' });
    expectResult(again.body, { ids: [], skipped: [row.id] });
  });

  it('dead-letters a requeued row again if it still fails, keeping the last 20 attempts', async () => {
    const { productId, row } = rows.b;
    await fixture.db.query(
      `UPDATE outbox_messages SET attempt_log = (
         SELECT jsonb_agg(jsonb_build_object('at', now(), 'error', 'old ' || n) ORDER BY n)
           FROM generate_series(1, 20) AS n)
        WHERE id = $1`,
      [row.id],
    );
    const res = await api.requeue({ filter: { subject: productId } });
    expectResult(res.body, { ids: [row.id] });

    const again = await waitFor(async () => {
      const current = await fixture.row(productId);
      const last = current.attempt_log.at(-1);
      return current.dead_lettered_at && last?.error.includes('unroutable') ? current : undefined;
    });
    const errors = again.attempt_log.map((e) => e.error);
    expect(errors).toHaveLength(20);
    expect(errors[0]).toBe('old 4');
    expect(errors.slice(-3)).toEqual([
      'requeued by test-admin',
      expect.stringContaining('unroutable'),
      expect.stringContaining('unroutable'),
    ]);
    expect(again.attempts).toBe(2);
    expect(again.event_id).toBe(row.event_id);
  });

  it('requeues one by id and publishes it with the same message id', async () => {
    const tap = await fixture.system.amqp.tap('product.events');
    const { productId, row } = rows.a;
    const res = await api.requeue({ ids: [row.id, rows.d.row.id] });
    expect(res.status).toBe(200);
    expectResult(res.body, { ids: [row.id], skipped: [rows.d.row.id] });

    const message = await fixture.published(tap, row.event_id);
    expect(JSON.parse(message.content.toString())).toMatchObject({ id: row.event_id });
    expect(tap.messages).toHaveLength(1);
    const stored = await waitFor(async () => {
      const current = await fixture.row(productId);
      return current.published_at ? current : undefined;
    });
    expect(stored.dead_lettered_at).toBeNull();
    expect(stored.attempt_log.at(-1)?.error).toBe('requeued by test-admin');
    expect(await listedIds()).not.toContain(row.id);
    expect((await api.inspect(row.id)).status).toBe(404);
    expect((await fixture.audit('dead-letter.requeued')).at(-1)).toMatchObject({
      entityType: 'outbox_message',
      entityId: row.id,
      details: { kind: 'outbox', messageId: row.event_id },
    });
  });

  it('requeues all the rest, never a discarded one; one audit entry per letter', async () => {
    const tap = await fixture.system.amqp.tap('product.events');
    const [b, c, d] = [rows.b.row, rows.c.row, rows.d.row];
    const before = (await fixture.audit('dead-letter.requeued')).length;
    const res = await api.requeue({ all: true });
    const ids = [b.id, c.id].sort((x, y) => Number(x) - Number(y));
    expectResult(res.body, { ids });
    await fixture.published(tap, b.event_id);
    await fixture.published(tap, c.event_id);
    expect(await listedIds()).toEqual([]);

    // A row committed after the discarded one gets published; the discarded one still is not.
    const e = await fixture.createProduct('e');
    await fixture.published(tap, (await fixture.row(e)).event_id);
    expect(tap.messages.map((m) => m.properties.messageId)).not.toContain(d.event_id);
    const discarded = await fixture.row(rows.d.productId);
    expect(discarded.published_at).toBeNull();
    expect(discarded.discarded_at).not.toBeNull();
    const entries = (await fixture.audit('dead-letter.requeued')).slice(before);
    expect(entries.map((x) => x.entityId)).toEqual(ids);
  });
});
