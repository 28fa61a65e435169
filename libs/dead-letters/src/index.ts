export {
  DEAD_LETTER_STATUSES,
  type DeadLetterActionResult,
  type DeadLetterAttempt,
  type DeadLetterFailure,
  type DeadLetterFilter,
  type DeadLetterKind,
  type DeadLetterPage,
  type DeadLetterQuery,
  type DeadLetterSelector,
  type DeadLetterSource,
  type DeadLetterStatus,
  type DeadLetterSummary,
  type DeadLetterView,
} from './dead-letter.types';
export type { DeadLetterRetentionOptions } from './dead-letter-retention';
export {
  DEAD_LETTER_TABLE,
  deadLetterTableDdl,
  dropDeadLetterTableDdl,
} from './consumer/dead-letter-schema';
export {
  DeadLetterParker,
  type DeadLetterParkerOptions,
  type DeadLetterRedaction,
} from './consumer/dead-letter-parker';
export { DeadLetterStore } from './consumer/dead-letter-store';
export { DeadLettersModule } from './consumer/dead-letters.module';
export {
  DEAD_LETTERS_OPTIONS,
  type DeadLettersModuleOptions,
} from './consumer/dead-letters.options';
export { DeadLettersService } from './consumer/dead-letters.service';
export type { ParkedMessage } from './consumer/parked-message.types';
export { OutboxDeadLettersModule } from './outbox/outbox-dead-letters.module';
export type { OutboxDeadLettersOptions } from './outbox/outbox-dead-letters.options';
export { OutboxDeadLettersService } from './outbox/outbox-dead-letters.service';
