import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface DeadLettersModuleOptions {
  /** Consumer queues, `<consumer>.<producer>`, whose `<queue>.dlq` is parked in this database. */
  queues: string[];
  /** Unacked dead letters per parker; default 20. */
  prefetch?: number;
}

export const {
  ConfigurableModuleClass: ConfigurableDeadLettersModule,
  MODULE_OPTIONS_TOKEN: DEAD_LETTERS_OPTIONS,
} = new ConfigurableModuleBuilder<DeadLettersModuleOptions>().setClassMethodName('forRoot').build();
