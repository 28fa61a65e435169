import { Module, type DynamicModule } from '@nestjs/common';
import { ProxyController } from './proxy.controller';
import { PROXY_OPTIONS, type ProxyOptions } from './proxy.options';
import { Upstream } from './upstream';

/** `/api/services` and `/api/<service>/...`: the services' admin APIs, same-origin. */
@Module({})
export class ProxyModule {
  static register(options: ProxyOptions): DynamicModule {
    return {
      module: ProxyModule,
      controllers: [ProxyController],
      providers: [{ provide: PROXY_OPTIONS, useValue: options }, Upstream],
    };
  }
}
