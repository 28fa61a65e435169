import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@app/outbox';
import { PermanentMessageError } from '../message-errors';

/** The CloudEvent attributes of a message, without its data (the handler's payload). */
export type EventEnvelope = Omit<CloudEvent, 'data'>;

/**
 * What `@Ctx()` gives an `@InboxEvent` handler: the transaction that also records the message
 * in the inbox (write the effect through `manager`, nothing else), the envelope and the producer.
 */
export class InboxContext extends BaseRpcContext<[EntityManager, EventEnvelope, string]> {
  constructor(manager: EntityManager, envelope: EventEnvelope, producer: string) {
    super([manager, envelope, producer]);
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
