import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { Versioned } from './entity-tag';
import { ConditionalGetInterceptor } from './conditional-get.interceptor';

export const CACHEABLE_METADATA = 'http-caching:cacheable';

export interface CacheableRoute {
  policy: string;
  /** What the response represents, for its ETag: ids and versions. */
  versions: (body: unknown) => Versioned | Versioned[];
}

/**
 * Marks a GET route as cacheable under a named policy: the response gets `ETag` and
 * `Cache-Control`, and a matching `If-None-Match` gets 304 with fresh cache headers.
 */
export function Cacheable<T>(policy: string, versions: (body: T) => Versioned | Versioned[]) {
  const route: CacheableRoute = { policy, versions: versions as CacheableRoute['versions'] };
  return applyDecorators(
    SetMetadata(CACHEABLE_METADATA, route),
    UseInterceptors(ConditionalGetInterceptor),
  );
}
