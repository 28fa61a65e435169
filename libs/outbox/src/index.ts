export {
  CLOUD_EVENTS_CONTENT_TYPE,
  createCloudEvent,
  type CloudEvent,
  type NewCloudEvent,
} from './cloud-event';
export { CommitNotifier, DEFAULT_NOTIFY_INTERVAL_MS, NOTIFY_SQL } from './commit-notifier';
export { OutboxTransactionRequiredError, UndeclaredEventTypeError } from './outbox.errors';
export { PUBLISHED_AT_HEADER, publishedAtOf } from './message-headers';
export { OUTBOX_LANES, laneFor } from './outbox-lane';
export { OutboxModule } from './outbox.module';
export { OUTBOX_OPTIONS, type OutboxModuleOptions } from './outbox.options';
export {
  DEFAULT_OUTBOX_TABLE,
  dropOutboxTableDdl,
  outboxChannel,
  outboxTableDdl,
} from './outbox-schema';
export { Outbox, type DomainEvent } from './outbox.service';
export { OutboxSignal } from './outbox-signal';
