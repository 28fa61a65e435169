import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { parseCloudEvent } from './cloud-event-parser';
import type { EventConsumerOptions } from './event-consumer.options';
import type { InboxItem } from './inbox-batch';
import { PermanentMessageError } from './message-errors';
import { messageTrace } from './message-trace';

/** A message as a consumer channel delivered it. */
export interface Delivery {
  channel: ConfirmChannel;
  msg: ConsumeMessage;
  /** Once parsed. */
  event?: InboxItem['event'];
}

export type ParsedDelivery = Delivery & InboxItem;

/** The event and its handler; throws for a message no handler can ever take (poison). */
export function parseDelivery(
  delivery: Delivery,
  options: Pick<EventConsumerOptions, 'maxMessageBytes' | 'source' | 'producer' | 'handlers'>,
): ParsedDelivery {
  const event = parseCloudEvent(delivery.msg.content, {
    maxBytes: options.maxMessageBytes,
    source: options.source ?? `/services/${options.producer}`,
  });
  const handler = options.handlers[event.type];
  if (!handler) throw new PermanentMessageError(`no handler for event type '${event.type}'`);
  return { ...delivery, ...messageTrace(delivery.msg, event), event, handler };
}
