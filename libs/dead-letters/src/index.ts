export { DeadLettersModule } from './consumer/dead-letters.module';
export {
  DEAD_LETTERS_OPTIONS,
  type DeadLettersModuleOptions,
} from './consumer/dead-letters.options';
export {
  DeadLettersService,
  type DeadLetterInspection,
  type RequeueResult,
} from './consumer/dead-letters.service';
export { OutboxDeadLettersModule } from './outbox/outbox-dead-letters.module';
export type { OutboxDeadLettersOptions } from './outbox/outbox-dead-letters.options';
export { OutboxDeadLettersService } from './outbox/outbox-dead-letters.service';
export type {
  DeadLetter,
  DeadLetterActionResult,
  DeadLetterFilter,
  DeadLetterPage,
  DeadLetterQuery,
  DeadLetterSummary,
  RequeueSelector,
} from './outbox/outbox-dead-letters.types';
