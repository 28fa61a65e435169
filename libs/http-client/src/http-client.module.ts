import { Module } from '@nestjs/common';
import { CachingHttpClient } from './caching-http-client';
import type { CachingHttpClientOptions } from './caching-http-client.options';
import { ConfigurableHttpClientModule, HTTP_CLIENT_OPTIONS } from './http-client.module-definition';

/**
 * Provides a {@link CachingHttpClient} built from `forRoot(options)` or `forRootAsync(...)`.
 * The client itself knows nothing of Nest; this module only constructs it.
 */
@Module({
  providers: [
    {
      provide: CachingHttpClient,
      inject: [HTTP_CLIENT_OPTIONS],
      useFactory: (options: CachingHttpClientOptions) => new CachingHttpClient(options),
    },
  ],
  exports: [CachingHttpClient],
})
export class HttpClientModule extends ConfigurableHttpClientModule {}
