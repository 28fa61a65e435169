import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { productSnapshotEvent } from '@app/testing';
import { hostileString } from './hostile-http';

/** One consumer queue and one event type it is bound to, as the AsyncAPI document states. */
export interface Subscription {
  /** The consuming app, e.g. `catalog`. */
  app: string;
  /** Its queue, `<app>.<producer>`. */
  queue: string;
  producer: string;
  exchange: string;
  routingKey: string;
}

interface AsyncApi {
  channels: Record<string, { address: string; bindings: { amqp: { exchange: { name: string } } } }>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
}

/** Every subscription of the system, from the committed `docs/asyncapi.yaml`. */
export function documentedSubscriptions(): Subscription[] {
  const doc = load(readFileSync(join(__dirname, '../../docs/asyncapi.yaml'), 'utf8')) as AsyncApi;
  return Object.entries(doc.operations)
    .filter(([, op]) => op.action === 'receive')
    .map(([id, op]) => {
      // Operation ids read `<app>--receives--<producer>--<type>`.
      const [app, , producer] = id.split('--');
      const channel = doc.channels[op.channel.$ref.split('/').at(-1) ?? ''];
      return {
        app,
        queue: `${app}.${producer}`,
        producer,
        exchange: channel.bindings.amqp.exchange.name,
        routingKey: channel.address,
      };
    });
}

/** A message no consumer may apply, and the AMQP properties it arrives with. */
export interface HostileMessage {
  exchange: string;
  routingKey: string;
  body: Buffer;
  messageId: string | undefined;
  type: string | undefined;
  contentType: string | undefined;
}

/** A well-formed envelope of `type`, whose data is valid for product events only. */
function envelope(producer: string, type: string): Record<string, unknown> {
  const id = randomUUID();
  const product = productSnapshotEvent(id, 1);
  return {
    ...product,
    id: randomUUID(),
    source: `/services/${producer}`,
    type,
    data: type === 'product.purged' ? { id } : type.startsWith('product.') ? product.data : {},
  };
}

/** Fields of the data that a spoiled value must make invalid (unknown fields are ignored). */
function checkedFields(type: string): [string, ...string[]] {
  if (type === 'product.purged') return ['id'];
  if (type.startsWith('product.')) return ['id', 'sku', 'name', 'priceCents', 'status', 'version'];
  return ['id'];
}

/** Ways to spoil an envelope, each of which leaves it invalid for every contract. */
function spoiledEnvelope(producer: string, type: string): fc.Arbitrary<unknown> {
  const base = () => envelope(producer, type);
  const required = ['specversion', 'id', 'source', 'type', 'subject', 'aggregateversion', 'data'];
  return fc.oneof(
    // An attribute missing.
    fc.constantFrom(...required).map((key) => {
      const e = base();
      delete e[key];
      return e;
    }),
    // An attribute of the wrong type or out of range.
    fc
      .oneof(
        fc.record({
          key: fc.constantFrom('id', 'source', 'type', 'subject', 'time'),
          value: fc.constantFrom<unknown>(42, null, {}, [], ''),
        }),
        fc.record({
          key: fc.constant('aggregateversion'),
          value: fc.constantFrom<unknown>(-1, 0, 1.5, 'x', null, {}, 2 ** 53),
        }),
        fc.record({
          key: fc.constant('specversion'),
          value: fc.constantFrom<unknown>('0.3', 1, null),
        }),
      )
      .map(({ key, value }) => ({ ...base(), [key]: value })),
    // Data that is no object, an object of strangers, or one field an object.
    fc
      .oneof(
        fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || Array.isArray(v)),
        fc.dictionary(
          hostileString().map((k) => `~${k}`),
          fc.jsonValue({ maxDepth: 2 }),
          { maxKeys: 5 },
        ),
      )
      .map((data) => ({ ...base(), data })),
    fc.constantFrom(...checkedFields(type)).map((field) => {
      const e = base();
      const data = e.data as Record<string, unknown>;
      return { ...e, data: { ...data, [field]: { $ne: null } } };
    }),
    // Another producer's source: the queue is bound to this one only.
    fc.constant(null).map(() => ({ ...base(), source: '/services/mallory' })),
    // Too large for any contract (and for the body limit).
    fc.integer({ min: 300, max: 600 }).map((kb) => {
      const e = base();
      const field = checkedFields(type).at(-1) ?? 'id';
      return { ...e, data: { ...(e.data as object), [field]: 'x'.repeat(kb * 1024) } };
    }),
  );
}

/**
 * A hostile body: spoiled envelopes, JSON of other shapes, deep nesting, bytes. `enveloped`:
 * whether it may carry an envelope id, which the parker falls back to without an AMQP id.
 */
function hostileBody(
  producer: string,
  type: string,
): fc.Arbitrary<{ body: Buffer; enveloped: boolean }> {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');
  const bare = (a: fc.Arbitrary<Buffer>) => a.map((body) => ({ body, enveloped: false }));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: spoiledEnvelope(producer, type).map((e) => ({ body: json(e), enveloped: true })),
    },
    { weight: 1, arbitrary: bare(fc.jsonValue({ maxDepth: 4 }).filter(isNotObject).map(json)) },
    { weight: 1, arbitrary: bare(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))) },
    {
      weight: 1,
      arbitrary: bare(
        fc
          .integer({ min: 1_000, max: 50_000 })
          .map((d) => Buffer.from(`${'['.repeat(d)}${']'.repeat(d)}`)),
      ),
    },
    { weight: 1, arbitrary: bare(fc.constant(Buffer.alloc(0))) },
  );
}

function isNotObject(value: unknown): boolean {
  return typeof value !== 'object' || value === null || Array.isArray(value);
}

/** A hostile message for one of `subscriptions`, with hostile properties too. */
export function hostileMessage(subscriptions: Subscription[]): fc.Arbitrary<HostileMessage> {
  return fc.constantFrom(...subscriptions).chain((s) =>
    fc
      .record({
        body: hostileBody(s.producer, s.routingKey),
        // Ids are unique (the parker keeps one letter per id); some messages without an envelope
        // have none. An envelope always has one: the parker would fall back to its (spoiled) id.
        withId: fc.boolean(),
        type: fc.option(fc.constantFrom(s.routingKey, ''), { freq: 5 }),
        contentType: fc.option(
          fc.constantFrom('application/cloudevents+json', 'application/json', 'text/plain', ''),
          { freq: 5 },
        ),
      })
      .map(({ body: { body, enveloped }, withId, type, contentType }) => ({
        exchange: s.exchange,
        routingKey: s.routingKey,
        body,
        messageId: withId || enveloped ? randomUUID() : undefined,
        type: type ?? undefined,
        contentType: contentType ?? undefined,
      })),
  );
}
