import { RetentionSweep, type DeleteChunk } from '@app/retention';

/** How long settled dead letters are kept; shared by both kinds' module options. */
export interface DeadLetterRetentionOptions {
  /**
   * Settled dead letters (requeued or discarded) are deleted this long after they were
   * settled; 0 or unset: kept forever (the default). Parked ones are never deleted.
   */
  retentionMs?: number;
  /** Time between two cleanups (the first runs at start); default 10 minutes. */
  cleanupIntervalMs?: number;
}

/** The retention sweep of one kind of dead letter, settled ones only. */
export function deadLetterRetention(
  what: string,
  options: DeadLetterRetentionOptions,
  deleteSettled: DeleteChunk,
): RetentionSweep {
  return new RetentionSweep(
    {
      what: `settled ${what}`,
      retentionMs: options.retentionMs,
      intervalMs: options.cleanupIntervalMs,
    },
    deleteSettled,
  );
}
