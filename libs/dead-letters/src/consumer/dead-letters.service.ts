import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditDeadLetters } from '../dead-letter-audit';
import { skippedIds } from '../dead-letter-sql';
import type {
  DeadLetterActionResult,
  DeadLetterPage,
  DeadLetterQuery,
  DeadLetterSelector,
  DeadLetterSource,
  DeadLetterView,
} from '../dead-letter.types';
import { DeadLetterRepublisher, RequeueUnavailableError } from './dead-letter-republisher';
import { DeadLetterStore } from './dead-letter-store';

const BATCH = 100;

/**
 * Consumer dead letters parked in this service's database: lists, inspects, requeues (sent
 * back to their queue with their message id) and discards them; every change is audited.
 */
@Injectable()
export class DeadLettersService implements DeadLetterSource {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeadLetterStore) private readonly store: DeadLetterStore,
    @Inject(DeadLetterRepublisher) private readonly republisher: DeadLetterRepublisher,
  ) {}

  list(query: DeadLetterQuery): Promise<DeadLetterPage> {
    return this.store.list(query);
  }

  async inspect(id: string): Promise<DeadLetterView> {
    const letter = await this.store.inspect(id);
    if (!letter) throw new NotFoundException(`dead letter ${id} not found`);
    return letter;
  }

  /**
   * Sends the selected parked letters back to their queues, in batches. A row leaves `parked`
   * in the same transaction that waits for the broker's confirm, so a letter that fails again
   * and is parked meanwhile becomes a new row once this commits (never dropped as a duplicate).
   */
  async requeue(selector: DeadLetterSelector, actor: string): Promise<DeadLetterActionResult> {
    const result: DeadLetterActionResult = { count: 0, ids: [], skipped: [], failures: [] };
    const range = { afterId: '0', upToId: await this.store.highestId() };
    const seen: string[] = [];
    for (;;) {
      const taken = await this.dataSource
        .transaction((m) => this.requeueBatch(m, selector, range, actor, result))
        .catch((err: unknown) => {
          if (!(err instanceof RequeueUnavailableError)) throw err;
          throw new ServiceUnavailableException(
            `${err.message}; ${result.count} requeued before that`,
          );
        });
      seen.push(...taken);
      if (taken.length < BATCH) break;
    }
    result.skipped = skippedIds(selector, seen);
    return result;
  }

  /** Marks the selected parked rows discarded, with the operator's reason. */
  async discard(
    selector: DeadLetterSelector,
    actor: string,
    reason: string,
  ): Promise<DeadLetterActionResult> {
    const discarded = await this.dataSource.transaction(async (m) => {
      const rows = await this.store.resolve(m, selector, 'discarded', actor, reason);
      await auditDeadLetters(m, 'discarded', actor, rows, { reason });
      return rows;
    });
    const ids = discarded.map((d) => d.id);
    return { count: ids.length, ids, skipped: skippedIds(selector, ids), failures: [] };
  }

  /** One batch in one transaction; returns the ids it took (confirmed or failed). */
  private async requeueBatch(
    m: EntityManager,
    selector: DeadLetterSelector,
    range: { afterId: string; upToId: string },
    actor: string,
    result: DeadLetterActionResult,
  ): Promise<string[]> {
    const letters = await this.store.lockParked(m, selector, range, BATCH);
    if (letters.length === 0) return [];
    range.afterId = letters[letters.length - 1].id;
    const ids = letters.map((l) => l.id);
    // Marked first: a re-parked copy then waits on this transaction instead of conflicting.
    const marked = await this.store.resolve(m, { ids }, 'requeued', actor);
    const outcome = await this.republisher.republish(letters, actor);
    await this.store.reopen(
      m,
      outcome.failed.map((f) => f.id),
    );
    const confirmed = new Set(outcome.confirmed);
    const requeued = marked.filter((l) => confirmed.has(l.id));
    await auditDeadLetters(m, 'requeued', actor, requeued);
    result.count += requeued.length;
    result.ids.push(...requeued.map((l) => l.id));
    result.failures.push(...outcome.failed);
    return ids;
  }
}
