import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@app/outbox';
import { PermanentMessageError } from '../message-errors';
import type { StagedFlush, StageWrites } from '../staged-writes';

/** The CloudEvent attributes of a message, without its data (the handler's payload). */
export type EventEnvelope = Omit<CloudEvent, 'data'>;

/**
 * What `@Ctx()` gives an `@InboxEvent` handler: the transaction that also records the message
 * in the inbox (write the effect through `manager` or `stage`, nothing else), the envelope and
 * the producer.
 */
export class InboxContext extends BaseRpcContext<
  [EntityManager, EventEnvelope, string, StageWrites]
> {
  constructor(
    manager: EntityManager,
    envelope: EventEnvelope,
    producer: string,
    stage: StageWrites,
  ) {
    super([manager, envelope, producer, stage]);
  }

  get manager(): EntityManager {
    return this.args[0];
  }

  get envelope(): EventEnvelope {
    return this.args[1];
  }

  /** The producer whose exchange (`<producer>.events`) the message came through. */
  get producer(): string {
    return this.args[2];
  }

  /**
   * Stages `items` under `key` instead of writing them now: every message of this inbox
   * transaction that stages under `key` adds its items, and `flush(manager, allItems)` runs once,
   * items in staging order, after the last handler and before COMMIT, in this transaction. A key
   * names one flush (pass the same function every time). Validate before staging, so poison is
   * still refused by its own handler; a flush that throws rolls the whole transaction back, and
   * its messages are applied again one per transaction. Stage only a write that nothing in the
   * transaction reads back before commit: it lands after every write made through `manager`.
   */
  stage<T>(key: string, items: readonly T[], flush: StagedFlush<T>): void {
    this.args[3](key, items, flush);
  }

  /** Poison unless the data's aggregate id is the envelope's `subject`. */
  assertSubject(id: string, field = 'id'): void {
    if (id !== this.envelope.subject) {
      throw new PermanentMessageError(
        `data.${field} ${id} is not the subject ${this.envelope.subject}`,
      );
    }
  }

  /** Poison unless the data's version is the envelope's `aggregateversion`. */
  assertVersion(version: number, field = 'version'): void {
    if (version !== this.envelope.aggregateversion) {
      throw new PermanentMessageError(
        `data.${field} ${version} is not the aggregateversion ${this.envelope.aggregateversion}`,
      );
    }
  }
}
