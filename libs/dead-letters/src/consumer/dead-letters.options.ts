import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { DeadLetterRetentionOptions } from '../dead-letter-retention';
import type { DeadLetterRedaction } from './dead-letter-parker';

export interface DeadLettersModuleOptions extends DeadLetterRetentionOptions {
  /** Consumer queues, `<consumer>.<producer>`, whose `<queue>.dlq` is parked in this database. */
  queues: string[];
  /** Unacked dead letters per parker; default 20. */
  prefetch?: number;
  /**
   * Per queue: whether a letter's subject was erased, so it is parked without its body (a
   * product mirror passes `isPurgedProduct` for its `<consumer>.product` queue).
   */
  redact?: Record<string, DeadLetterRedaction>;
}

export const {
  ConfigurableModuleClass: ConfigurableDeadLettersModule,
  MODULE_OPTIONS_TOKEN: DEAD_LETTERS_OPTIONS,
} = new ConfigurableModuleBuilder<DeadLettersModuleOptions>().setClassMethodName('forRoot').build();
