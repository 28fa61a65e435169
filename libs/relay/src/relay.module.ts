import {
  ConfigurableModuleBuilder,
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';
import type { RelayOptions } from './relay.options';

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<
  RelayOptions & { enabled?: boolean }
>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

/**
 * Runs an `OutboxRelay` inside a Nest application: started once the app is up, stopped
 * (batch in hand finished or rolled back) before the database and broker close.
 */
@Module({
  providers: [
    {
      provide: OutboxRelay,
      inject: [MODULE_OPTIONS_TOKEN],
      useFactory: (options: RelayOptions) => new OutboxRelay(options),
    },
  ],
  exports: [OutboxRelay],
})
export class RelayModule
  extends ConfigurableModuleClass
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: RelayOptions & { enabled?: boolean },
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.options.enabled ?? true) this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
