export {
  DEFAULT_MAX_MESSAGE_BYTES,
  parseCloudEvent,
  type CloudEventExpectations,
} from './cloud-event-parser';
export { registerConsumerMetrics } from './consumer-metrics';
export { EventConsumer } from './event-consumer';
export { consumerStatuses } from './consumer-registry';
export type { ConsumerStatus, EventConsumerOptions, HandleOutcome } from './event-consumer.options';
export type { EventHandler } from './inbox-batch';
export { ConsumerSubscription, type SubscriptionHooks } from './consumer-subscription';
export { DEFAULT_INBOX_TABLE, dropInboxTableDdl, inboxTableDdl } from './inbox-schema';
export { logSafe } from './log-safe';
export { OversizedMessageError, PermanentMessageError } from './message-errors';
export { upsertIfNewer, type VersionedUpsert } from './mirror-upsert';
export { InboxRetention } from './inbox-retention';
export type { StagedFlush, StageWrites } from './staged-writes';
export { isTransientInfrastructureError } from './transient-errors';
export { connectInboxTransport } from './transport/connect-inbox-transport';
export { EventDataValidationPipe, validateEventData } from './transport/event-data-validation.pipe';
export { InboxContext, type EventEnvelope } from './transport/inbox-context';
export { InboxErrorFilter } from './transport/inbox-error.filter';
export { type EventSource } from './transport/event-source';
export { InboxEvent } from './transport/inbox-event.decorator';
export { inboxSubscriptions } from './transport/inbox-subscriptions';
export { InboxTransport } from './transport/inbox-transport';
export { INBOX_TRANSPORT } from './transport/inbox-transport.constants';
export { InboxTransportModule } from './transport/inbox-transport.module';
export type { ConsumerTuning, InboxTransportOptions } from './transport/inbox-transport.options';
export { findProvider } from './transport/find-provider';
