import { applyDecorators, SetMetadata, UseInterceptors, type Type } from '@nestjs/common';
import type { Versioned } from './entity-tag';
import type { VersionPrecheck } from './version-precheck';
import { ConditionalGetInterceptor } from './conditional-get.interceptor';

export const CACHEABLE_METADATA = 'http-caching:cacheable';

export interface CacheableRoute {
  policy: string;
  /** What the response represents, for its ETag: ids and versions. */
  versions: (body: unknown) => Versioned | Versioned[];
  /** A provider (of the route's module) that answers 304 before the handler runs. */
  precheck?: Type<VersionPrecheck>;
}

/**
 * Marks a GET route as cacheable under a named policy: the response gets `ETag` and
 * `Cache-Control`, and a matching `If-None-Match` gets 304 with fresh cache headers.
 */
export function Cacheable<T>(
  policy: string,
  versions: (body: T) => Versioned | Versioned[],
  options: { precheck?: Type<VersionPrecheck> } = {},
) {
  const route: CacheableRoute = {
    policy,
    versions: versions as CacheableRoute['versions'],
    precheck: options.precheck,
  };
  return applyDecorators(
    SetMetadata(CACHEABLE_METADATA, route),
    UseInterceptors(ConditionalGetInterceptor),
  );
}
