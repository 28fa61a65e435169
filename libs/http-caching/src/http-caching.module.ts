import { Module } from '@nestjs/common';
import { ConditionalGetInterceptor } from './conditional-get.interceptor';
import { ConfigurableHttpCachingModule, HTTP_CACHING_OPTIONS } from './http-caching.options';

/** Cache policies for a service's routes; import once with `HttpCachingModule.forRoot`. */
@Module({
  providers: [ConditionalGetInterceptor],
  exports: [ConditionalGetInterceptor, HTTP_CACHING_OPTIONS],
})
export class HttpCachingModule extends ConfigurableHttpCachingModule {}
