import { cacheControlHeader } from './cache-policy';
import { entityTag, ifMatchHolds, ifNoneMatchHits } from './entity-tag';

describe('entity tags', () => {
  const a = { id: 'a', version: 1 };
  const b = { id: 'b', version: 2 };

  it('change exactly when an id or a version changes', () => {
    expect(entityTag(a)).toBe(entityTag({ id: 'a', version: 1 }));
    expect(entityTag(a)).not.toBe(entityTag({ id: 'a', version: 2 }));
    expect(entityTag([a, b])).not.toBe(entityTag([a]));
    expect(entityTag([a, b])).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });

  it('compare weakly for If-None-Match and strongly for If-Match', () => {
    const tag = entityTag(a);
    expect(ifNoneMatchHits(`"x", ${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits(`W/${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits('*', tag)).toBe(true);
    expect(ifNoneMatchHits(undefined, tag)).toBe(false);
    expect(ifMatchHolds(tag, tag)).toBe(true);
    expect(ifMatchHolds(`W/${tag}`, tag)).toBe(false);
    expect(ifMatchHolds(undefined, tag)).toBe(true);
    expect(ifMatchHolds(entityTag(b), tag)).toBe(false);
  });

  it('render Cache-Control', () => {
    expect(
      cacheControlHeader({ visibility: 'public', maxAgeSeconds: 30, staleIfErrorSeconds: 300 }),
    ).toBe('public, max-age=30, stale-if-error=300');
    expect(cacheControlHeader({ visibility: 'private', maxAgeSeconds: 0, noStore: true })).toBe(
      'no-store',
    );
  });
});
