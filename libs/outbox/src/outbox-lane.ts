/**
 * Outbox rows are spread over a fixed number of lanes by aggregate. A relay holds a lane
 * exclusively while it publishes from it, which keeps per-aggregate order with many relays.
 * Changing this number needs a migration that recomputes `lane`.
 */
export const OUTBOX_LANES = 32;

/** FNV-1a over `type:id`, stable across processes and languages. */
export function laneFor(aggregateType: string, aggregateId: string): number {
  let hash = 0x811c9dc5;
  const key = `${aggregateType}:${aggregateId}`;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % OUTBOX_LANES;
}
