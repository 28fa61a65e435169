import { SCHEMA_REF_PREFIX, contractSchemas, type JsonSchema } from './contract-schemas';
import type { EventContract } from '../event-contract';
import type { ServiceEventSurface } from './event-surface';

export interface AsyncApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** An AsyncAPI 3.0 document as a plain object (serialise it as JSON or YAML). */
export type AsyncApiDocument = Record<string, unknown>;

const AMQP_BINDING_VERSION = '0.3.0';

/** The CloudEvents 1.0 structured-mode envelope every event travels in. */
const ENVELOPE: JsonSchema = {
  type: 'object',
  description:
    'CloudEvents 1.0, structured mode (content type application/cloudevents+json), with the ' +
    '`aggregateversion` extension: consumers apply an event only over an older version.',
  required: [
    'specversion',
    'id',
    'source',
    'type',
    'subject',
    'time',
    'datacontenttype',
    'aggregateversion',
    'data',
  ],
  properties: {
    specversion: { type: 'string', const: '1.0' },
    id: { type: 'string', format: 'uuid', description: 'unique per event; the inbox key' },
    source: { type: 'string', description: 'the producing service, e.g. /services/product' },
    type: { type: 'string', description: 'also the routing key' },
    subject: { type: 'string', description: 'the aggregate id' },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { type: 'string', const: 'application/json' },
    aggregateversion: {
      type: 'integer',
      minimum: 1,
      description: "the aggregate's version after the change",
    },
    traceparent: { type: 'string', description: 'W3C trace context, when a trace is active' },
    data: { type: 'object' },
  },
};

/** `product.decommissioned` → `product-decommissioned`: ids AsyncAPI accepts as keys. */
function key(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, '-')).join('--');
}

function exchangeOf(producer: string): string {
  return `${producer}.events`;
}

/**
 * Builds the AsyncAPI 3.0 document of a set of services: one channel per exchange and routing
 * key, one message per event type (the CloudEvents envelope with the event's data as the JSON
 * Schema of its contract class), a `send` operation per producer and a `receive` operation per
 * consumer of each channel. The result is deterministic: keys are sorted, so the same services
 * give the same document.
 */
export function buildAsyncApiDocument(
  info: AsyncApiInfo,
  services: ServiceEventSurface[],
): AsyncApiDocument {
  const channels = new Map<string, { producer: string; event: EventContract }>();
  const operations: Record<string, unknown> = {};
  const messages = new Map<string, EventContract>();
  const note = (producer: string, event: EventContract): string => {
    const id = key(exchangeOf(producer), event.type);
    const known = messages.get(event.type);
    if (known && known.data !== event.data) {
      throw new Error(`${event.type} has two contracts: ${known.data.name} and ${event.data.name}`);
    }
    // Whoever states it first, a message keeps the summary any mention gives.
    messages.set(event.type, { ...event, summary: known?.summary ?? event.summary });
    channels.set(id, { producer, event });
    return id;
  };
  for (const service of services) {
    for (const event of service.publishes) {
      const channel = note(service.service, event);
      operations[key(service.service, 'sends', event.type)] = {
        action: 'send',
        title: `${service.service} publishes ${event.type}`,
        channel: { $ref: `#/channels/${channel}` },
        messages: [{ $ref: `#/channels/${channel}/messages/${key(event.type)}` }],
        bindings: {
          amqp: { deliveryMode: 2, mandatory: true, bindingVersion: AMQP_BINDING_VERSION },
        },
      };
    }
    for (const subscription of service.subscribes) {
      for (const event of subscription.events) {
        const channel = note(subscription.producer, event);
        operations[key(service.service, 'receives', subscription.producer, event.type)] = {
          action: 'receive',
          title: `${service.service} consumes ${event.type} from ${subscription.producer}`,
          description: `Through the quorum queue \`${subscription.queue}\`, bound to \`${exchangeOf(subscription.producer)}\` with this routing key; acknowledged after the inbox transaction commits.`,
          channel: { $ref: `#/channels/${channel}` },
          messages: [{ $ref: `#/channels/${channel}/messages/${key(event.type)}` }],
          bindings: { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } },
        };
      }
    }
  }

  const schemas = contractSchemas([...messages.values()].map((e) => e.data));
  return {
    asyncapi: '3.0.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      rabbitmq: {
        host: 'rabbitmq:5672',
        protocol: 'amqp',
        protocolVersion: '0-9-1',
        description:
          'Every service publishes to its own durable topic exchange `<service>.events`.',
      },
    },
    channels: sorted(
      [...channels].map(([id, { producer, event }]) => [
        id,
        {
          address: event.type,
          title: `${event.type} on ${exchangeOf(producer)}`,
          messages: { [key(event.type)]: { $ref: `#/components/messages/${key(event.type)}` } },
          bindings: {
            amqp: {
              is: 'routingKey',
              exchange: {
                name: exchangeOf(producer),
                type: 'topic',
                durable: true,
                autoDelete: false,
                vhost: '/',
              },
              bindingVersion: AMQP_BINDING_VERSION,
            },
          },
        },
      ]),
    ),
    operations: sorted(Object.entries(operations)),
    components: {
      messages: sorted(
        [...messages.values()].map((event) => [
          key(event.type),
          {
            name: event.type,
            title: event.type,
            ...(event.summary ? { summary: event.summary } : {}),
            contentType: 'application/cloudevents+json',
            payload: {
              allOf: [
                { $ref: `${SCHEMA_REF_PREFIX}CloudEvent` },
                {
                  type: 'object',
                  properties: {
                    type: { type: 'string', const: event.type },
                    data: { $ref: `${SCHEMA_REF_PREFIX}${event.data.name}` },
                  },
                },
              ],
            },
          },
        ]),
      ),
      schemas: { CloudEvent: ENVELOPE, ...schemas },
    },
  };
}

function sorted(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}
