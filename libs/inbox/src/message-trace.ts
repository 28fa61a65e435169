import type { ConsumeMessage } from 'amqplib';
import type { CloudEvent } from '@app/outbox';
import { traceIdOf, type LogFields } from '@app/telemetry';
import { logSafe } from './log-safe';

/** Which message an inbox item is, and the trace it continues. */
export interface MessageTrace {
  /** The broker's message id (the relay sets it to the event id). */
  messageId?: string;
  /** The `traceparent` header (the relay's publish span), else the envelope's. */
  traceparent?: unknown;
}

/** The trace of a delivery, its envelope's when the headers name none. */
export function messageTrace(msg: ConsumeMessage, event?: CloudEvent): MessageTrace {
  const header: unknown = msg.properties.headers?.traceparent;
  const traceparent = Buffer.isBuffer(header) ? header.toString() : header;
  const messageId = msg.properties.messageId as string | number | undefined;
  return {
    messageId: messageId === undefined ? undefined : String(messageId),
    traceparent: traceparent ?? event?.traceparent,
  };
}

/**
 * What every log line about a message names: its ids, type and trace; never its data. The
 * message chose them, so they are escaped and cut like any text of it (`logSafe`).
 */
export function messageLogFields(item: MessageTrace & { event?: CloudEvent }): LogFields {
  const safe = (value: string | undefined) => (value === undefined ? undefined : logSafe(value));
  return {
    eventId: safe(item.event?.id),
    messageId: safe(item.messageId),
    eventType: safe(item.event?.type),
    traceId: traceIdOf(item.traceparent),
  };
}

/** The log fields of a delivery, parsed (`event`) or not. */
export function deliveryLogFields(delivery: {
  msg: ConsumeMessage;
  event?: CloudEvent;
}): LogFields {
  return messageLogFields({ ...messageTrace(delivery.msg, delivery.event), event: delivery.event });
}
