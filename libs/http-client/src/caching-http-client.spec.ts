import { CachingHttpClient } from './caching-http-client';
import type { FetchFunction } from './origin-request';
import { UpstreamUnavailableError } from './upstream-unavailable.error';

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A scripted origin: each call takes the next answer; `calls` records what was sent. */
function scripted(...answers: (() => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetch: FetchFunction = (url, init) => {
    calls.push({ url, headers: init.headers as Record<string, string> });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request to ${url}`);
    return Promise.resolve(next());
  };
  return { fetch, calls };
}

const json =
  (body: unknown, headers: Record<string, string> = {}, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers });

describe('CachingHttpClient', () => {
  let time = 1_000_000;
  const now = () => time;

  it('keeps the path of baseUrl and accepts absolute URLs', async () => {
    const origin = scripted(json(1), json(2));
    const http = new CachingHttpClient({ baseUrl: 'http://owner/api/', fetch: origin.fetch, now });
    await http.getJson('/products/1');
    await http.getJson('http://elsewhere/x');
    expect(origin.calls.map((c) => c.url)).toEqual([
      'http://owner/api/products/1',
      'http://elsewhere/x',
    ]);
    expect(origin.calls[0].headers['accept']).toBe('application/json');
  });

  it('rejects limits that could never work', () => {
    expect(() => new CachingHttpClient({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => new CachingHttpClient({ maxEntries: -1 })).toThrow(RangeError);
    expect(() => new CachingHttpClient({ baseUrl: 'not a url' })).toThrow(TypeError);
  });

  it('refetches in full when a 304 names another representation', async () => {
    const origin = scripted(
      json({ v: 1 }, { etag: '"a"' }),
      () => new Response(null, { status: 304, headers: { etag: '"b"' } }),
      json({ v: 2 }, { etag: '"b"' }),
    );
    const http = new CachingHttpClient({ fetch: origin.fetch, now });
    await http.getJson('http://owner/p');
    const second = await http.getJson('http://owner/p');
    expect(second).toMatchObject({ source: 'network', body: { v: 2 } });
    expect(origin.calls[2].headers['if-none-match']).toBeUndefined();
  });

  it('evicts the entry when a 304 forbids storing', async () => {
    const origin = scripted(
      json({ v: 1 }, { etag: '"a"' }),
      () => new Response(null, { status: 304, headers: { 'cache-control': 'no-store' } }),
    );
    const http = new CachingHttpClient({ fetch: origin.fetch, now });
    await http.getJson('http://owner/p');
    expect(await http.getJson('http://owner/p')).toMatchObject({ source: 'revalidated' });
    expect(http.stats().entries).toBe(0);
  });

  it('evicts the entry when the origin now answers 404', async () => {
    const origin = scripted(
      json({ v: 1 }, { 'cache-control': 'max-age=10, stale-if-error=600' }),
      json({ error: 'gone' }, {}, 404),
    );
    const http = new CachingHttpClient({ fetch: origin.fetch, now });
    await http.getJson('http://owner/p');
    time += 20_000;
    expect(await http.getJson('http://owner/p')).toMatchObject({ status: 404, body: undefined });
    expect(http.stats().entries).toBe(0);
  });

  it('does not store a body that is not JSON, and says so', async () => {
    const origin = scripted(() => new Response('<html>', { headers: { etag: '"a"' } }));
    const http = new CachingHttpClient({ fetch: origin.fetch, now });
    await expect(http.getJson('http://owner/p')).rejects.toThrow(/not JSON/);
    expect(http.stats().entries).toBe(0);
  });

  it('fails every coalesced caller together, then lets the next call try again', async () => {
    let fail!: (error: Error) => void;
    const origin = scripted(
      () => new Promise<Response>((_resolve, reject) => (fail = reject)),
      json({ v: 1 }),
    );
    const http = new CachingHttpClient({ fetch: origin.fetch, now });
    const calls = [http.getJson('http://owner/p'), http.getJson('http://owner/p')];
    await Promise.resolve();
    fail(new TypeError('fetch failed'));
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(await http.getJson('http://owner/p')).toMatchObject({ source: 'network' });
    expect(http.stats()).toMatchObject({ failures: 2, coalesced: 1, network: 1 });
  });

  it('does not coalesce requests that differ in a header', async () => {
    const origin = scripted(json(1), json(2));
    const http = new CachingHttpClient({ fetch: origin.fetch, now });
    await Promise.all([
      http.getJson('http://owner/p', { headers: { authorization: 'Bearer a' } }),
      http.getJson('http://owner/p', { headers: { authorization: 'Bearer b' } }),
    ]);
    expect(origin.calls).toHaveLength(2);
  });
});
