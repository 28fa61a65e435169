import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EventConsumerOptions } from '../event-consumer.options';

/** What an app may tune of a producer's consumer (all optional; see `EventConsumerOptions`). */
export type ConsumerTuning = Partial<
  Omit<EventConsumerOptions, 'connection' | 'dataSource' | 'consumer' | 'producer' | 'handlers'>
>;

export interface InboxTransportOptions {
  /** Stable consumer name of the service: keys its inbox, names its queues `<consumer>.<producer>`. */
  consumer: string;
  /** Tuning of every producer's consumer… */
  tuning?: ConsumerTuning;
  /** …and per producer, over `tuning`. */
  producers?: Record<string, ConsumerTuning>;
  /** Producers of each `@InboxEvent(type, { producerGroup })`, known only from configuration. */
  producerGroups?: Record<string, string[]>;
}

export const {
  ConfigurableModuleClass: ConfigurableInboxTransportModule,
  MODULE_OPTIONS_TOKEN: INBOX_TRANSPORT_OPTIONS,
} = new ConfigurableModuleBuilder<InboxTransportOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
