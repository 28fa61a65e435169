/** Where an `@InboxEvent` handler's events come from. */
export type EventSource =
  /** One producer: its exchange `<producer>.events`. */
  | { producer: string }
  /** Every producer of a group named in the transport's options (known only from configuration). */
  | { producerGroup: string };

/**
 * The producers a handler's `source` (its pattern's extras) names: one producer, or the members
 * of a group from the transport's `producerGroups`. `where` names the handler in the error.
 */
export function producersOf(
  source: Partial<EventSource>,
  producerGroups: Record<string, string[]> | undefined,
  where: string,
): string[] {
  if ('producer' in source && typeof source.producer === 'string') return [source.producer];
  if ('producerGroup' in source && typeof source.producerGroup === 'string') {
    const group = producerGroups?.[source.producerGroup];
    if (!group) throw new Error(`${where}: unknown producer group '${source.producerGroup}'`);
    return group;
  }
  throw new Error(`${where}: no producer (use @InboxEvent(type, { producer }))`);
}
