import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DeadLetterRepublisher,
  DeadLetterStore,
  RequeueUnavailableError,
  type DeadLetter,
  type DeadLetterQuery,
  type DeadLetterSelector,
  type DeadLetterSummary,
} from '@app/inbox';
import { recordAudit } from '@app/audit';

/** A dead letter with its body decoded for reading. */
export interface DeadLetterInspection extends DeadLetter {
  bodyText: string;
  /** The body parsed, when it is JSON; otherwise null. */
  payload: unknown;
  lastError: string;
}

export interface RequeueResult {
  requeued: number;
  failed: number;
  skipped: number;
  failures: { id: number; error: string }[];
}

const BATCH = 100;

/** Lists, inspects, requeues and discards parked dead letters; every change is audited. */
@Injectable()
export class DeadLettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeadLetterStore) private readonly store: DeadLetterStore,
    @Inject(DeadLetterRepublisher) private readonly republisher: DeadLetterRepublisher,
  ) {}

  list(query: DeadLetterQuery): Promise<DeadLetterSummary[]> {
    return this.store.list(query);
  }

  async inspect(id: number): Promise<DeadLetterInspection> {
    const letter = await this.store.find(id);
    if (!letter) throw new NotFoundException(`dead letter ${id} not found`);
    const bodyText = letter.body.toString('utf8');
    const lastError = letter.headers['x-last-error'];
    return {
      ...letter,
      bodyText,
      payload: parseJson(bodyText),
      lastError: typeof lastError === 'string' && lastError !== '' ? lastError : letter.reason,
    };
  }

  /**
   * Sends the selected parked letters back to their queues, in batches. A row leaves `parked`
   * in the same transaction that waits for the broker's confirm, so a letter that fails again
   * and is parked meanwhile becomes a new row once this commits (never dropped as a duplicate).
   */
  async requeue(selector: DeadLetterSelector, actor: string): Promise<RequeueResult> {
    const result: RequeueResult = { requeued: 0, failed: 0, skipped: 0, failures: [] };
    const range = { afterId: 0, upToId: await this.store.highestId() };
    let seen = 0;
    for (;;) {
      const taken = await this.dataSource
        .transaction((m) => this.requeueBatch(m, selector, range, actor, result))
        .catch((err: unknown) => {
          if (!(err instanceof RequeueUnavailableError)) throw err;
          throw new ServiceUnavailableException(
            `${err.message}; ${result.requeued} requeued before that`,
          );
        });
      seen += taken;
      if (taken < BATCH) break;
    }
    if ('ids' in selector) result.skipped = new Set(selector.ids).size - seen;
    return result;
  }

  /** Marks parked rows discarded, with the operator's reason; returns how many changed. */
  async discard(
    ids: number[],
    actor: string,
    reason: string,
  ): Promise<{ discarded: number; skipped: number }> {
    const discarded = await this.dataSource.transaction(async (m) => {
      const rows = await this.store.resolve(m, ids, 'discarded', actor, reason);
      for (const row of rows) await audit(m, 'dead-letter.discarded', actor, row, { reason });
      return rows.length;
    });
    return { discarded, skipped: new Set(ids).size - discarded };
  }

  private async requeueBatch(
    m: EntityManager,
    selector: DeadLetterSelector,
    range: { afterId: number; upToId: number },
    actor: string,
    result: RequeueResult,
  ): Promise<number> {
    const letters = await this.store.lockParked(m, selector, range, BATCH);
    if (letters.length === 0) return 0;
    range.afterId = letters[letters.length - 1].id;
    // Marked first: a re-parked copy then waits on this transaction instead of conflicting.
    await this.store.resolve(
      m,
      letters.map((l) => l.id),
      'requeued',
      actor,
    );
    const outcome = await this.republisher.republish(letters, actor);
    await this.store.reopen(
      m,
      outcome.failed.map((f) => f.id),
    );
    const confirmed = new Set(outcome.confirmed);
    for (const letter of letters.filter((l) => confirmed.has(l.id))) {
      await audit(m, 'dead-letter.requeued', actor, letter, {});
    }
    result.requeued += outcome.confirmed.length;
    result.failed += outcome.failed.length;
    result.failures.push(...outcome.failed);
    return letters.length;
  }
}

async function audit(
  m: EntityManager,
  action: string,
  actor: string,
  letter: DeadLetterSummary,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(m, {
    actor,
    action,
    entityType: 'dead_letter',
    entityId: String(letter.id),
    details: {
      queue: letter.queue,
      messageId: letter.messageId,
      eventType: letter.eventType,
      subject: letter.subject,
      ...details,
    },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
