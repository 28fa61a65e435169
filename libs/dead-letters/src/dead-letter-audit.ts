import type { EntityManager } from 'typeorm';
import { recordAudits } from '@app/audit';
import type { DeadLetterKind, DeadLetterSummary } from './dead-letter.types';

/** The audit entity of each kind: the row it changed. */
const ENTITY_TYPES: Record<DeadLetterKind, string> = {
  consumer: 'dead_letter',
  outbox: 'outbox_message',
};

/** What the audit says of a letter: which one, and what it was about. */
export type AuditedLetter = Pick<
  DeadLetterSummary,
  'id' | 'kind' | 'destination' | 'messageId' | 'eventType' | 'subject'
>;

/**
 * One audit row per letter an operator requeued or discarded, in the caller's transaction:
 * action `dead-letter.requeued` or `dead-letter.discarded`, the row id as entity id.
 */
export async function auditDeadLetters(
  manager: EntityManager,
  action: 'requeued' | 'discarded',
  actor: string,
  letters: AuditedLetter[],
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudits(
    manager,
    letters.map((letter) => ({
      actor,
      action: `dead-letter.${action}`,
      entityType: ENTITY_TYPES[letter.kind],
      entityId: letter.id,
      details: {
        kind: letter.kind,
        destination: letter.destination,
        messageId: letter.messageId,
        eventType: letter.eventType,
        subject: letter.subject,
        ...details,
      },
    })),
  );
}
