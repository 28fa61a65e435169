import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface OutboxDeadLettersOptions {
  /** The outbox table in this service's database; defaults to `outbox_messages`. */
  table?: string;
}

export const {
  ConfigurableModuleClass: ConfigurableOutboxDeadLettersModule,
  MODULE_OPTIONS_TOKEN: OUTBOX_DEAD_LETTERS_OPTIONS,
} = new ConfigurableModuleBuilder<OutboxDeadLettersOptions>().setClassMethodName('forRoot').build();
