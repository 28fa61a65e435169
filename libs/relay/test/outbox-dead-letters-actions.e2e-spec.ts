import { http, waitFor } from '@app/testing';
import { DeadLetterFixture, type OutboxRowState } from './dead-letter-fixture';

/**
 * Outbox dead letters for real, operator actions: discard keeps a row out of publishing for
 * good; requeue (by filter, id or all) publishes with the original message id, or dead-letters
 * the row again with its attempt history kept. Every action is audited.
 */
describe('outbox dead letters: requeue and discard (product service)', () => {
  let fixture: DeadLetterFixture;
  let base: string;
  let rows: Record<'a' | 'b' | 'c' | 'd', { productId: string; row: OutboxRowState }>;

  beforeAll(async () => {
    fixture = await DeadLetterFixture.start();
    base = fixture.base;
    const [a, b, c, d] = await fixture.deadLetters(['a', 'b', 'c', 'd']);
    rows = { a, b, c, d };
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  async function listedIds(): Promise<string[]> {
    const res = await http('GET', base, { admin: true });
    return res.body.items.map((i: { id: string }) => i.id);
  }

  it('discards a dead letter: kept, no longer listed, audited', async () => {
    const { productId, row } = rows.d;
    const res = await http('POST', `${base}/discard`, {
      admin: true,
      body: { ids: [row.id], reason: 'test data, nobody needs it' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 1, ids: [row.id] });

    expect(await listedIds()).not.toContain(row.id);
    expect((await http('GET', `${base}/${row.id}`, { admin: true })).status).toBe(404);
    const stored = await fixture.row(productId);
    expect(stored.discarded_at).not.toBeNull();
    expect(stored.discarded_by).toBe('test-admin');
    expect(stored.dead_lettered_at).not.toBeNull();
    expect(stored.published_at).toBeNull();
    expect(await fixture.audit('outbox.discarded')).toEqual([
      {
        entity_id: row.id,
        actor: 'test-admin',
        details: expect.objectContaining({
          ids: [row.id],
          count: 1,
          reason: 'test data, nobody needs it',
        }),
      },
    ]);
    const again = await http('POST', `${base}/discard`, {
      admin: true,
      body: { ids: [row.id], reason: 'again' },
    });
    expect(again.body).toEqual({ count: 0, ids: [] });
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
    const res = await http('POST', `${base}/requeue`, {
      admin: true,
      body: { filter: { aggregateId: productId } },
    });
    expect(res.body).toEqual({ count: 1, ids: [row.id] });

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
    const res = await http('POST', `${base}/requeue`, { admin: true, body: { ids: [row.id] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 1, ids: [row.id] });

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
    expect((await fixture.audit('outbox.requeued')).at(-1)).toMatchObject({
      entity_id: row.id,
      details: { ids: [row.id], count: 1, selector: { ids: [row.id] } },
    });
  });

  it('requeues all the rest, never a discarded one', async () => {
    const tap = await fixture.system.amqp.tap('product.events');
    const [b, c, d] = [rows.b.row, rows.c.row, rows.d.row];
    const res = await http('POST', `${base}/requeue`, { admin: true, body: { all: true } });
    const ids = [b.id, c.id].sort((x, y) => Number(x) - Number(y));
    expect(res.body).toEqual({ count: 2, ids });
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
    expect((await fixture.audit('outbox.requeued')).at(-1)).toMatchObject({
      entity_id: '*',
      details: { ids, count: 2, selector: { all: true } },
    });
  });
});
