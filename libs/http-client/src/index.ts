export { parseCacheControl, type CacheDirectives } from './cache-control';
export { CachingHttpClient } from './caching-http-client';
export { CLIENT_DEFAULTS, type CachingHttpClientOptions } from './caching-http-client.options';
export type {
  CachingHttpClientStats,
  GetJsonOptions,
  JsonResponse,
  ResponseSource,
} from './http-client.types';
export { HttpClientModule } from './http-client.module';
export {
  HTTP_CLIENT_OPTIONS,
  type HttpClientModuleAsyncOptions,
  type HttpClientModuleOptions,
} from './http-client.module-definition';
export { OriginFailure, type FetchFunction } from './origin-request';
export {
  UpstreamUnavailableError,
  type OriginFailureKind,
  type StaleEntryState,
} from './upstream-unavailable.error';
