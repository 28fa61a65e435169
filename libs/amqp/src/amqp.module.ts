import {
  ConfigurableModuleBuilder,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { AmqpConnection, type AmqpConnectionOptions } from './amqp-connection';

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } =
  new ConfigurableModuleBuilder<AmqpConnectionOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
    }))
    .build();

export const AMQP_OPTIONS = MODULE_OPTIONS_TOKEN;

/**
 * Provides one reconnecting `AmqpConnection` per service. It connects in the background at
 * start (a broker outage never blocks boot) and closes last, after relays and consumers.
 */
@Module({
  providers: [
    {
      provide: AmqpConnection,
      inject: [MODULE_OPTIONS_TOKEN],
      useFactory: (options: AmqpConnectionOptions) => new AmqpConnection(options),
    },
  ],
  exports: [AmqpConnection],
})
export class AmqpModule
  extends ConfigurableModuleClass
  implements OnModuleInit, OnApplicationShutdown
{
  constructor(@Inject(AmqpConnection) private readonly connection: AmqpConnection) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await this.connection.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
