import { EventPattern } from '@nestjs/microservices';
import type { EventSource } from './event-source';
import { INBOX_TRANSPORT } from './inbox-transport.constants';

/**
 * Handles events of `type` (or of each of several types) from a producer or a group of
 * producers through the inbox transport: the consumer's queue `<consumer>.<producer>` is bound
 * to a type because a handler of it exists. Sugar for `@EventPattern(type, INBOX_TRANSPORT,
 * source)`; one per method (a second would replace the first, as `@EventPattern` does).
 */
export function InboxEvent(type: string | readonly string[], source: EventSource): MethodDecorator {
  return EventPattern<string[]>(([] as string[]).concat(type), INBOX_TRANSPORT, source);
}
