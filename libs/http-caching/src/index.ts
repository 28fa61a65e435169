export { Cacheable, type CacheableRoute } from './cacheable.decorator';
export { cacheControlHeader, type CachePolicy } from './cache-policy';
export { ConditionalGetInterceptor } from './conditional-get.interceptor';
export { entityTag, ifMatchHolds, ifNoneMatchHits, type Versioned } from './entity-tag';
export { HttpCachingModule } from './http-caching.module';
export { HTTP_CACHING_OPTIONS, type HttpCachingModuleOptions } from './http-caching.options';
export type { VersionPrecheck } from './version-precheck';
