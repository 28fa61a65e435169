import { EventEmitter } from 'node:events';

const bus = new EventEmitter();
bus.setMaxListeners(0);

/**
 * Process-local wake-up between writers and a relay running in the same process: a commit
 * that added outbox rows wakes the relay at once, with no database round trip at all.
 */
export const OutboxSignal = {
  /** Wakes the relays of `table` in this process; false when there are none. */
  wake(table: string): boolean {
    return bus.emit(table);
  },
  subscribe(table: string, listener: () => void): () => void {
    bus.on(table, listener);
    return () => bus.off(table, listener);
  },
};
