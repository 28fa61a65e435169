import { upstreamUrl } from './proxy-target';

describe('upstreamUrl', () => {
  const base = new URL('http://127.0.0.1:3001');
  const prefixed = new URL('https://gateway.internal/product');

  it.each([
    [
      'admin/dead-letters?status=parked&limit=50',
      'http://127.0.0.1:3001/admin/dead-letters?status=parked&limit=50',
    ],
    ['admin/outbox/dead-letters/42', 'http://127.0.0.1:3001/admin/outbox/dead-letters/42'],
    ['health/ready', 'http://127.0.0.1:3001/health/ready'],
    ['metrics', 'http://127.0.0.1:3001/metrics'],
    ['admin/audit?actor=a%20b', 'http://127.0.0.1:3001/admin/audit?actor=a%20b'],
  ])('passes %j on', (rest, expected) => {
    expect(upstreamUrl(base, rest)?.href).toBe(expected);
  });

  it('keeps the base path', () => {
    expect(upstreamUrl(prefixed, 'admin/health')?.href).toBe(
      'https://gateway.internal/product/admin/health',
    );
  });

  it.each([
    'products',
    'products/1',
    'docs',
    'admin',
    'health',
    'metrics/x',
    'metricsx',
    'admin/../products',
    'admin/%2e%2e/products',
    'admin/%2E%2E/carts/alice',
    'admin\\..\\products',
    'health/../../products',
    '/evil.example/admin/health',
    '/127.0.0.1:5432/admin/health',
    'admin%2Fhealth',
    'http://evil.example/admin/health',
  ])('refuses %j', (rest) => {
    expect(upstreamUrl(base, rest)).toBeUndefined();
  });

  it('never takes the host from the path', () => {
    for (const rest of ['admin/health@evil.example', 'admin/health/..//evil.example/x']) {
      const url = upstreamUrl(base, rest);
      expect(url === undefined || url.host === '127.0.0.1:3001').toBe(true);
    }
  });
});
