import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { ATTR } from './span-attributes';
import { remoteContext, traceparentOf } from './trace-context';
import { tracer } from './tracer';

/** A span around one message: its publish by a relay, or its processing by a consumer. */
export interface MessageSpan {
  /** The `traceparent` that names this span, to send in the message's headers. */
  readonly traceparent: string | undefined;
  /** Runs `work` with this span active: its log lines and the outbox rows it writes join it. */
  run<T>(work: () => T): T;
  /** Ends the span (once): failed with `error`, or with `attributes` describing the outcome. */
  end(result?: { error?: string; attributes?: Attributes }): void;
}

export interface PublishedMessage {
  /** The `traceparent` stored with the outbox row: the trace that wrote the event. */
  traceparent: unknown;
  exchange: string;
  routingKey: string;
  messageId: string;
  eventType: string;
  outboxId: string;
}

export interface ConsumedMessage {
  /** The message's `traceparent` header (the publish span), else the envelope's. */
  traceparent: unknown;
  queue: string;
  consumer: string;
  messageId?: string;
  eventId: string;
  eventType: string;
  subject: string;
}

/** The relay publishing one outbox row: a producer span, child of the trace that wrote it. */
export function startPublishSpan(message: PublishedMessage): MessageSpan {
  return start(`publish ${message.exchange}`, SpanKind.PRODUCER, message.traceparent, {
    [ATTR.messagingSystem]: 'rabbitmq',
    [ATTR.messagingOperation]: 'send',
    [ATTR.messagingDestination]: message.exchange,
    [ATTR.messagingRoutingKey]: message.routingKey,
    [ATTR.messagingMessageId]: message.messageId,
    [ATTR.eventId]: message.messageId,
    [ATTR.eventType]: message.eventType,
    [ATTR.outboxId]: message.outboxId,
  });
}

/** A consumer applying one message in its inbox transaction: child of the publish. */
export function startProcessSpan(message: ConsumedMessage): MessageSpan {
  return start(`process ${message.queue}`, SpanKind.CONSUMER, message.traceparent, {
    [ATTR.messagingSystem]: 'rabbitmq',
    [ATTR.messagingOperation]: 'process',
    [ATTR.messagingDestination]: message.queue,
    [ATTR.messagingConsumerGroup]: message.consumer,
    ...(message.messageId ? { [ATTR.messagingMessageId]: message.messageId } : {}),
    [ATTR.eventId]: message.eventId,
    [ATTR.eventType]: message.eventType,
    [ATTR.eventSubject]: message.subject,
  });
}

function start(
  name: string,
  kind: SpanKind,
  traceparent: unknown,
  attributes: Attributes,
): MessageSpan {
  const parent = remoteContext(traceparent);
  return new OneMessageSpan(tracer.startSpan(name, { kind, attributes }, parent), parent);
}

class OneMessageSpan implements MessageSpan {
  private ended = false;

  constructor(
    private readonly span: Span,
    private readonly parent: Context,
  ) {}

  get traceparent(): string | undefined {
    return traceparentOf(this.span.spanContext());
  }

  run<T>(work: () => T): T {
    return context.with(trace.setSpan(this.parent, this.span), work);
  }

  end(result: { error?: string; attributes?: Attributes } = {}): void {
    if (this.ended) return;
    this.ended = true;
    if (result.attributes) this.span.setAttributes(result.attributes);
    if (result.error !== undefined) {
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: result.error });
    }
    this.span.end();
  }
}
