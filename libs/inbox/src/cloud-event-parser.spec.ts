import { parseCloudEvent } from './cloud-event-parser';
import { OversizedMessageError, PermanentMessageError } from './message-errors';

const valid = {
  specversion: '1.0',
  id: 'e1',
  source: '/s',
  type: 'product.created',
  subject: 'p1',
  time: new Date().toISOString(),
  aggregateversion: 1,
  data: {},
};

describe('parseCloudEvent', () => {
  it('accepts a structured CloudEvent with aggregateversion', () => {
    expect(parseCloudEvent(Buffer.from(JSON.stringify(valid)))).toMatchObject({ id: 'e1' });
  });

  it.each([
    ['not JSON', Buffer.from('{')],
    ['an array', Buffer.from('[]')],
    ['another specversion', Buffer.from(JSON.stringify({ ...valid, specversion: '0.3' }))],
    ['no id', Buffer.from(JSON.stringify({ ...valid, id: '' }))],
    ['a zero version', Buffer.from(JSON.stringify({ ...valid, aggregateversion: 0 }))],
    [
      'a version over 2^31 - 1',
      Buffer.from(JSON.stringify({ ...valid, aggregateversion: 2 ** 31 })),
    ],
    [
      'a subject of 257 characters',
      Buffer.from(JSON.stringify({ ...valid, subject: 'p'.repeat(257) })),
    ],
    ['a type of 257 characters', Buffer.from(JSON.stringify({ ...valid, type: 't'.repeat(257) }))],
  ])('refuses %s as a permanent failure', (_, body) => {
    expect(() => parseCloudEvent(body)).toThrow(PermanentMessageError);
  });

  it('checks the size before parsing: 256 KiB by default, or the limit given', () => {
    const padded = (bytes: number) => {
      const bare = Buffer.byteLength(JSON.stringify({ ...valid, pad: '' }));
      return Buffer.from(JSON.stringify({ ...valid, pad: 'x'.repeat(bytes - bare) }));
    };
    expect(() => parseCloudEvent(padded(256 * 1024))).not.toThrow();
    expect(() => parseCloudEvent(padded(256 * 1024 + 1))).toThrow(
      new OversizedMessageError(256 * 1024 + 1, 256 * 1024),
    );
    // Not even parsed: a malformed body over the limit is refused for its size.
    expect(() => parseCloudEvent(Buffer.from('{'.repeat(2000)), { maxBytes: 1000 })).toThrow(
      'body of 2000 bytes is over the limit of 1000 bytes',
    );
  });

  it('accepts only the expected source', () => {
    const body = Buffer.from(JSON.stringify(valid));
    expect(parseCloudEvent(body, { source: '/s' })).toMatchObject({ id: 'e1' });
    expect(() => parseCloudEvent(body, { source: '/services/product' })).toThrow(
      'source "/s" is not "/services/product", the producer of this queue',
    );
  });
});
