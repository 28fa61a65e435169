import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { CachingHttpClientOptions } from './caching-http-client.options';

export const {
  ConfigurableModuleClass: ConfigurableHttpClientModule,
  MODULE_OPTIONS_TOKEN: HTTP_CLIENT_OPTIONS,
  OPTIONS_TYPE: HTTP_CLIENT_MODULE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: HTTP_CLIENT_MODULE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<CachingHttpClientOptions>()
  .setClassMethodName('forRoot')
  // Not global by default: a client is bound to one owner's baseUrl, so the importing module
  // should say which one it means.
  .setExtras({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

/** Options of `HttpClientModule.forRoot`: the client's options plus `isGlobal`. */
export type HttpClientModuleOptions = typeof HTTP_CLIENT_MODULE_OPTIONS_TYPE;
/** Options of `HttpClientModule.forRootAsync` (`useFactory`/`inject`, `useClass`, ...). */
export type HttpClientModuleAsyncOptions = typeof HTTP_CLIENT_MODULE_ASYNC_OPTIONS_TYPE;
