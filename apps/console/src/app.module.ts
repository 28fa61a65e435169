import { Module, type DynamicModule } from '@nestjs/common';
import { LivenessController } from '@app/service-kit';
import { ReadinessController } from './health/readiness.controller';
import type { ConsoleConfig } from './config/console.config';
import { parseConsoleServices } from './config/console-services';
import { ProxyModule } from './proxy/proxy.module';

/** The operations console: its page (static files) and the proxy to the services' admin APIs. */
@Module({})
export class AppModule {
  static register(config: ConsoleConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [LivenessController, ReadinessController],
      imports: [
        ProxyModule.register({
          services: parseConsoleServices(config.CONSOLE_SERVICES),
          timeoutMs: config.CONSOLE_UPSTREAM_TIMEOUT_MS,
        }),
      ],
    };
  }
}
