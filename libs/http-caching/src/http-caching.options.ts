import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { CachePolicy } from './cache-policy';

export interface HttpCachingModuleOptions {
  /** Named policies routes refer to with `@Cacheable(name, ...)`; a per-route configuration. */
  policies: Record<string, CachePolicy>;
}

export const {
  ConfigurableModuleClass: ConfigurableHttpCachingModule,
  MODULE_OPTIONS_TOKEN: HTTP_CACHING_OPTIONS,
} = new ConfigurableModuleBuilder<HttpCachingModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
