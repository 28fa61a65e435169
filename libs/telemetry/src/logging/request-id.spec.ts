import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdOf } from './request-id';

describe('request ids', () => {
  const idFor = (given?: string) => {
    const headers: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
    const req = { headers: given === undefined ? {} : { 'x-request-id': given } };
    const id = requestIdOf(req as IncomingMessage, res as unknown as ServerResponse);
    expect(headers['X-Request-Id']).toBe(id);
    return id;
  };
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("keeps a caller's plain token and answers it", () => {
    expect(idFor('gw-01.abc:7_x')).toBe('gw-01.abc:7_x');
  });

  it('gives a new UUID to a request without one, or with one that could forge a line', () => {
    for (const given of [undefined, '', 'two words', 'a"b', 'x'.repeat(129), 'a\nb']) {
      expect(idFor(given)).toMatch(uuid);
    }
    expect(idFor()).not.toBe(idFor());
  });
});
