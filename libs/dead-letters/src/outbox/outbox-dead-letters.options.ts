import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { DeadLetterRetentionOptions } from '../dead-letter-retention';

export interface OutboxDeadLettersOptions extends DeadLetterRetentionOptions {
  /** The outbox table in this service's database; defaults to `outbox_messages`. */
  table?: string;
}

export const {
  ConfigurableModuleClass: ConfigurableOutboxDeadLettersModule,
  MODULE_OPTIONS_TOKEN: OUTBOX_DEAD_LETTERS_OPTIONS,
} = new ConfigurableModuleBuilder<OutboxDeadLettersOptions>().setClassMethodName('forRoot').build();
