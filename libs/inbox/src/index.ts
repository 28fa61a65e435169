export { parseCloudEvent } from './cloud-event-parser';
export {
  consumerStatuses,
  EventConsumer,
  type ConsumerStatus,
  type EventConsumerOptions,
  type EventHandler,
  type HandleOutcome,
} from './event-consumer';
export {
  DEAD_LETTER_TABLE,
  DEFAULT_INBOX_TABLE,
  dropInboxTableDdl,
  inboxTableDdl,
} from './inbox-schema';
export { DeadLetterParker, type DeadLetterParkerOptions } from './dead-letters/dead-letter-parker';
export {
  DeadLetterRepublisher,
  RequeueUnavailableError,
  type RepublishOutcome,
} from './dead-letters/dead-letter-republisher';
export { DeadLetterStore, type DeadLetterQuery } from './dead-letters/dead-letter-store';
export {
  DEAD_LETTER_STATUSES,
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterSelector,
  type DeadLetterStatus,
  type DeadLetterSummary,
  type ParkedMessage,
} from './dead-letters/dead-letter.types';
export { PermanentMessageError } from './message-errors';
export { upsertIfNewer, type VersionedUpsert } from './mirror-upsert';
export { InboxRetention } from './inbox-retention';
export { isTransientInfrastructureError } from './transient-errors';
