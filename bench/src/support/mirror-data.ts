import type { ClientBase } from 'pg';
import { PURGE_LEDGER_TABLE, PURGE_RECEIPTS_TABLE } from '@app/mirror-sync';
import { DESCRIPTION } from './payload';

/** The mirrors the product service expects receipts from (its `PRODUCT_PURGE_MIRRORS` default). */
const PURGE_MIRRORS = ['catalog', 'order', 'cart', 'recommendations'];

/** What the owner holds before a mirror first starts. */
export interface OwnerFixture {
  entries: number;
  active: number;
  decommissioned: number;
  tombstones: number;
  /** Tombstones whose purge still waits for the catalog's receipt. */
  receiptsAwaited: number;
}

/**
 * `entries` entries inserted straight into the product database (no events: a catalogue that
 * existed before the mirror): a share of tombstones (1% unless told), every tenth product
 * decommissioned, versions 1–3 so that drift can set rows back. Descriptions are the bench's
 * usual ~560 characters. Every purge is in the ledger with the receipts of all four mirrors,
 * but a share of them (none unless told) still waits for the catalog's: the receipts the
 * seeding catalog then sends.
 */
export async function insertOwnerEntries(
  client: ClientBase,
  entries: number,
  tombstoneShare = 0.01,
  receiptsAwaitedShare = 0,
): Promise<OwnerFixture> {
  const tombstones = Math.round(entries * tombstoneShare);
  const products = entries - tombstones;
  await client.query(
    `INSERT INTO "products" ("id", "sku", "name", "description", "price_cents", "currency", "status",
       "decommission_reason", "version", "created_at", "updated_at", "updated_by")
     SELECT gen_random_uuid(), 'MIRROR-' || g, 'Bench product ' || g, $1, 1000 + g % 1000, 'EUR',
            CASE WHEN g % 10 = 0 THEN 'decommissioned' ELSE 'active' END,
            CASE WHEN g % 10 = 0 THEN 'bench' END,
            1 + g % 3, now(), now(), 'bench'
       FROM generate_series(1, $2::int) g`,
    [DESCRIPTION, products],
  );
  await client.query(
    `INSERT INTO "product_tombstones" ("id", "version", "purged_at")
     SELECT gen_random_uuid(), 4, now() FROM generate_series(1, $1::int)`,
    [tombstones],
  );
  // Each purge in the ledger, as the product service opened it, with every mirror's receipt,
  // except the catalog's for a share of them (a catalog that was down at those purges).
  await client.query(
    `INSERT INTO "${PURGE_LEDGER_TABLE}"
       ("aggregate_type", "aggregate_id", "version", "purged_at", "expected_mirrors", "completed_at")
     SELECT 'product', t."id"::text, t."version", t."purged_at", $1::text[],
            CASE WHEN t."awaited" THEN NULL ELSE now() END
       FROM (SELECT "id", "version", "purged_at", random() < $2 AS "awaited"
               FROM "product_tombstones") t`,
    [PURGE_MIRRORS, receiptsAwaitedShare],
  );
  await client.query(
    `INSERT INTO "${PURGE_RECEIPTS_TABLE}"
       ("aggregate_type", "aggregate_id", "mirror", "version", "applied_at")
     SELECT l."aggregate_type", l."aggregate_id", m."mirror", l."version", l."purged_at"
       FROM "${PURGE_LEDGER_TABLE}" l, unnest(l."expected_mirrors") AS m("mirror")
      WHERE l."completed_at" IS NOT NULL OR m."mirror" <> 'catalog'`,
  );
  await client.query(
    `ANALYZE "products", "product_tombstones", "${PURGE_LEDGER_TABLE}", "${PURGE_RECEIPTS_TABLE}"`,
  );
  const decommissioned = Math.floor(products / 10);
  const [{ awaited }] = (
    await client.query<{ awaited: number }>(
      `SELECT count(*)::int AS "awaited" FROM "${PURGE_LEDGER_TABLE}" WHERE "completed_at" IS NULL`,
    )
  ).rows;
  return {
    entries,
    active: products - decommissioned,
    decommissioned,
    tombstones,
    receiptsAwaited: awaited,
  };
}

/** A row of `product_mirror` as the seed writes it, in the upsert's column order. */
export type MirrorRow = [
  string,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string,
  number,
  string | null,
];

/** Every owner entry as a mirror row, read once into memory for the local-insert baseline. */
export async function ownerRows(client: ClientBase): Promise<MirrorRow[]> {
  const { rows } = await client.query<{ r: MirrorRow }>(
    `SELECT json_build_array("id", "sku", "name", "description", "price_cents", "currency",
              "status", "version", to_json("updated_at")) AS r
       FROM "products"
     UNION ALL
     SELECT json_build_array("id", NULL, NULL, NULL, NULL, NULL, 'purged', "version", NULL)
       FROM "product_tombstones"`,
  );
  // In id order, as the seed's pages come.
  return rows.map((row) => row.r).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** What was set wrong in the mirror: every row counts as one `stale` entry for reconcile. */
export interface InjectedDrift {
  setBack: number;
  flipped: number;
  total: number;
}

/**
 * Sets `count` random live rows of the mirror wrong: half one version back (an event that never
 * arrived), half with the other status at the same version (a row edited by hand).
 */
export async function injectDrift(client: ClientBase, count: number): Promise<InjectedDrift> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT "id" FROM "product_mirror" WHERE "version" > 1 AND "status" <> 'purged'
      ORDER BY random() LIMIT $1`,
    [count],
  );
  const ids = rows.map((r) => r.id);
  const half = Math.ceil(ids.length / 2);
  await client.query(
    `UPDATE "product_mirror" SET "version" = "version" - 1 WHERE "id" = ANY($1::uuid[])`,
    [ids.slice(0, half)],
  );
  await client.query(
    `UPDATE "product_mirror"
        SET "status" = CASE "status" WHEN 'active' THEN 'decommissioned' ELSE 'active' END
      WHERE "id" = ANY($1::uuid[])`,
    [ids.slice(half)],
  );
  return { setBack: half, flipped: ids.length - half, total: ids.length };
}

/** Entries whose id, version and status differ between owner and mirror (0: identical). */
export async function countDifferences(owner: ClientBase, mirror: ClientBase): Promise<number> {
  const key = (r: { id: string; version: number; status: string }): string =>
    `${r.id}:${r.version}:${r.status}`;
  const [theirs, ours] = await Promise.all([
    owner.query<{ id: string; version: number; status: string }>(
      `SELECT "id", "version", "status" FROM "products"
       UNION ALL SELECT "id", "version", 'purged' FROM "product_tombstones"`,
    ),
    mirror.query<{ id: string; version: number; status: string }>(
      `SELECT "id", "version", "status" FROM "product_mirror"`,
    ),
  ]);
  const mirrored = new Set(ours.rows.map(key));
  const missingOrDifferent = theirs.rows.filter((r) => !mirrored.has(key(r))).length;
  return missingOrDifferent + Math.max(0, ours.rows.length - theirs.rows.length);
}
