export { parseCloudEvent } from './cloud-event-parser';
export {
  consumerStatuses,
  EventConsumer,
  type ConsumerStatus,
  type EventConsumerOptions,
  type EventHandler,
  type HandleOutcome,
} from './event-consumer';
export { DEFAULT_INBOX_TABLE, dropInboxTableDdl, inboxTableDdl } from './inbox-schema';
export { PermanentMessageError } from './message-errors';
export { upsertIfNewer, type VersionedUpsert } from './mirror-upsert';
