import { parseCloudEvent } from './cloud-event-parser';
import { PermanentMessageError } from './message-errors';

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
  ])('refuses %s as a permanent failure', (_, body) => {
    expect(() => parseCloudEvent(body)).toThrow(PermanentMessageError);
  });
});
