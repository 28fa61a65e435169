import type { MessageProperties } from 'amqplib';
import { parkedMessageFrom, requeueHeaders } from './dead-letter-message';

// Loosely typed: the broker sends reasons (delivery_limit) that amqplib's types do not list.
function message(body: string, props: Record<string, unknown> = {}) {
  return {
    content: Buffer.from(body),
    properties: { headers: {}, ...props } as unknown as MessageProperties,
  };
}

describe('parkedMessageFrom', () => {
  const envelope = JSON.stringify({ id: 'e1', type: 'product.updated', subject: 'p1' });

  it('keeps the exact bytes and takes the reason, attempts and aggregate id', () => {
    const parked = parkedMessageFrom(
      'catalog.product',
      message(envelope, {
        messageId: 'e1',
        type: 'product.updated',
        contentType: 'application/cloudevents+json',
        headers: { 'x-dead-letter-reason': 'bad', 'x-retry-count': 5 },
      }),
    );
    expect(parked).toMatchObject({
      queue: 'catalog.product',
      messageId: 'e1',
      eventType: 'product.updated',
      subject: 'p1',
      reason: 'bad',
      attempts: 5,
      contentType: 'application/cloudevents+json',
    });
    expect(parked.body.toString()).toBe(envelope);
  });

  it('describes a broker dead letter from x-death and survives a body that is not JSON', () => {
    const parked = parkedMessageFrom(
      'catalog.product',
      message('{not json', {
        messageId: 'e2',
        headers: {
          'x-death': [{ count: 1, reason: 'delivery_limit', queue: 'catalog.product' }],
        },
      }),
    );
    expect(parked.subject).toBeNull();
    expect(parked.reason).toBe('dead-lettered by the broker: delivery_limit in catalog.product');
    expect(parked.attempts).toBe(1);
  });

  it('makes headers storable in jsonb (no NUL, no bigint)', () => {
    const parked = parkedMessageFrom(
      'q',
      message('x', { headers: { 'a\0b': 'c\0d', big: BigInt(7) } }),
    );
    expect(parked.headers).toEqual({ 'a\uFFFDb': 'c\uFFFDd', big: '7' });
  });
});

describe('requeueHeaders', () => {
  it('drops the failure bookkeeping, keeps the rest and says who requeued', () => {
    const headers = requeueHeaders(
      {
        traceparent: 't',
        'x-death': [],
        'x-dead-letter-reason': 'r',
        'x-original-queue': 'q',
        'x-dead-lettered-at': 'now',
        'x-retry-count': 5,
        'x-last-error': 'e',
      },
      'alice',
      '42',
    );
    expect(Object.keys(headers).sort()).toEqual([
      'traceparent',
      'x-requeued-at',
      'x-requeued-by',
      'x-requeued-from',
    ]);
    expect(headers['x-requeued-by']).toBe('alice');
    expect(headers['x-requeued-from']).toBe('42');
  });
});
