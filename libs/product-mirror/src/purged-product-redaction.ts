import type { DeadLetterRedaction } from '@app/dead-letters';
import { isTombstone } from './product-mirror-rows';

/**
 * For `DeadLettersModule.forRoot({ redact })` on a `<consumer>.product` queue: a dead letter
 * about a product this mirror holds as a tombstone is parked without its body.
 */
export const isPurgedProduct: DeadLetterRedaction = (subject, dataSource) =>
  isTombstone(dataSource, subject);
