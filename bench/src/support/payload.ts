import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { createCloudEvent, laneFor, type CloudEvent } from '@app/outbox';

export const EXCHANGE = 'product.events';
export const SINK_QUEUE = 'bench.sink';
export const EVENT_TYPE = 'product.updated';

/** Padding that brings a product snapshot event to about 1 KB, like a real product with a description. */
export const DESCRIPTION =
  'A bench product with a realistic description: sturdy, washable, made to last. ' +
  'It ships in recyclable packaging and comes with a two-year warranty. '.repeat(6);

export interface BenchProduct {
  id: string;
  lane: number;
  k: number;
}

/** `count` aggregates with their outbox lanes; backlog rows cycle over them in version order. */
export function benchProducts(count: number): BenchProduct[] {
  return Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    return { id, lane: laneFor('product', id), k: i + 1 };
  });
}

export function productSnapshot(
  id: string,
  k: number,
  version: number,
  status: 'active' | 'decommissioned' = 'active',
): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id,
    sku: `SKU-${k}`,
    name: `Bench product ${k}`,
    description: DESCRIPTION,
    priceCents: 1000 + version,
    currency: 'EUR',
    status,
    version,
    decommissionReason: status === 'decommissioned' ? 'bench' : null,
    createdAt: now,
    updatedAt: now,
  };
}

export function productEvent(
  id: string,
  k: number,
  version: number,
  type = EVENT_TYPE,
): CloudEvent {
  return createCloudEvent({
    source: '/services/product',
    type,
    subject: id,
    aggregateVersion: version,
    data: productSnapshot(id, k, version),
  });
}

/** The same envelope as `productEvent`, built in SQL from `e.eid`, `p.pid`, `p.k`, `e.v`. */
const ENVELOPE_SQL = `jsonb_build_object(
    'specversion', '1.0', 'id', e.eid, 'source', '/services/product', 'type', '${EVENT_TYPE}',
    'subject', p.pid, 'time', now(), 'datacontenttype', 'application/json', 'aggregateversion', e.v,
    'data', jsonb_build_object('id', p.pid, 'sku', 'SKU-' || p.k, 'name', 'Bench product ' || p.k,
      'description', $3::text, 'priceCents', 1000 + e.v, 'currency', 'EUR', 'status', 'active',
      'version', e.v, 'decommissionReason', null, 'createdAt', now(), 'updatedAt', now()))`;

/** Rows `0..n-1` spread over the products, version order per product = row order. */
function rowsSql(select: string): string {
  return `${select}
    FROM (SELECT g, gen_random_uuid() AS eid, (g / cardinality($1::text[])) + 1 AS v,
                 (g % cardinality($1::text[])) + 1 AS k
            FROM generate_series(0, $4::int - 1) g) e
    JOIN unnest($1::text[], $2::int[]) WITH ORDINALITY AS p(pid, lane, k) ON p.k = e.k
   ORDER BY e.g`;
}

function params(products: BenchProduct[], n: number): unknown[] {
  return [products.map((p) => p.id), products.map((p) => p.lane), DESCRIPTION, n];
}

/** Inserts `n` pending rows into our outbox table (`outboxTableDdl`), in one transaction. */
export async function prefillOurOutbox(
  client: ClientBase,
  products: BenchProduct[],
  n: number,
  table = 'outbox_messages',
): Promise<void> {
  await client.query(
    rowsSql(`INSERT INTO "${table}" ("event_id", "lane", "aggregate_type", "aggregate_id",
        "aggregate_version", "event_type", "exchange", "routing_key", "payload")
      SELECT e.eid, p.lane, 'product', p.pid, e.v, '${EVENT_TYPE}', '${EXCHANGE}', '${EVENT_TYPE}',
        ${ENVELOPE_SQL}`),
    params(products, n),
  );
}

/** `@fullstackhouse/nestjs-outbox` (TypeORM driver): rows as `TransactionalEventEmitter.emit` stores them. */
export async function prefillNestjsOutbox(
  client: ClientBase,
  products: BenchProduct[],
  n: number,
): Promise<void> {
  await client.query(
    rowsSql(`INSERT INTO "outbox_transport_event" ("event_name", "event_payload",
        "delivered_to_listeners", "attempt_at", "retry_count", "status", "expire_at", "inserted_at")
      SELECT 'ProductUpdated', json_build_object('name', 'ProductUpdated', 'envelope', ${ENVELOPE_SQL}),
        '[]'::json, (extract(epoch from now()) * 1000)::bigint, 0, 'pending',
        (extract(epoch from now()) * 1000)::bigint + 86400000, (extract(epoch from now()) * 1000)::bigint`),
    params(products, n),
  );
}

/** `pg-transactional-outbox`: rows as `initializeMessageStorage` stores them, segment = aggregate. */
export async function prefillPgTransactionalOutbox(
  client: ClientBase,
  products: BenchProduct[],
  n: number,
): Promise<void> {
  await client.query(
    rowsSql(`INSERT INTO "outbox" ("id", "aggregate_type", "aggregate_id", "message_type", "segment",
        "payload", "created_at")
      SELECT e.eid, 'product', p.pid, '${EVENT_TYPE}', p.pid, ${ENVELOPE_SQL},
        clock_timestamp()`),
    params(products, n),
  );
}
