import type { EntityManager } from 'typeorm';
import { inLinkedSpan, withLogFields, type LogFields, type MessageSpan } from '@app/telemetry';

/** Writes every item staged under one key, at once, in the inbox transaction. */
export type StagedFlush<T> = (manager: EntityManager, items: T[]) => Promise<void>;

/** Stages `items` under `key` for the flush at the end of the transaction (`InboxContext.stage`). */
export type StageWrites = <T>(key: string, items: readonly T[], flush: StagedFlush<T>) => void;

/** The message that staged: the flush of what it staged runs in its span and log fields. */
export interface Stager {
  span: MessageSpan;
  fields: LogFields;
}

interface Staged {
  flush: StagedFlush<unknown>;
  items: unknown[];
  stagers: Stager[];
}

/**
 * The writes staged in one inbox transaction. Items staged under one key are collected in
 * staging order and flushed by one call of that key's flush; keys flush in the order they were
 * first staged, after the last handler and before COMMIT. A key names one flush: staging another
 * function under it is a programming error.
 */
export class StagedWrites {
  private readonly byKey = new Map<string, Staged>();
  private flushed = false;

  /** The `stage` of one message's handler. */
  stagerOf(stager: Stager): StageWrites {
    return <T>(key: string, items: readonly T[], flush: StagedFlush<T>) => {
      if (this.flushed) throw new Error(`'${key}' staged after the staged writes were flushed`);
      const staged = this.byKey.get(key);
      if (!staged) {
        const first = {
          flush: flush as StagedFlush<unknown>,
          items: [...items],
          stagers: [stager],
        };
        this.byKey.set(key, first);
        return;
      }
      if (staged.flush !== flush) throw new Error(`'${key}' staged with two different flushes`);
      staged.items.push(...items);
      if (!staged.stagers.includes(stager)) staged.stagers.push(stager);
    };
  }

  /** Runs each key's flush once; the first error stops the rest (the transaction rolls back). */
  async flush(manager: EntityManager): Promise<void> {
    this.flushed = true;
    for (const [key, staged] of this.byKey) {
      await inScopeOf(key, staged, () => staged.flush(manager, staged.items));
    }
  }
}

/**
 * Staged by one message, the flush is a step of that message (its span, its log fields). Staged
 * by several, it is a span of its own under the first one's, linked to the others' spans (each
 * message is a trace of its own), and its log lines name every message's event id.
 */
function inScopeOf(key: string, staged: Staged, work: () => Promise<void>): Promise<void> {
  const [first, ...others] = staged.stagers;
  if (others.length === 0) return first.span.run(() => withLogFields(first.fields, work));
  const fields: LogFields = {
    traceId: first.fields.traceId,
    eventIds: staged.stagers.map((s) => s.fields.eventId).join(','),
  };
  const attributes = {
    'inbox.staged.key': key,
    'inbox.staged.messages': staged.stagers.length,
    'inbox.staged.items': staged.items.length,
  };
  const linked = others.map((s) => s.span.traceparent);
  return first.span.run(() =>
    withLogFields(fields, () => inLinkedSpan(`flush ${key}`, attributes, linked, work)),
  );
}
