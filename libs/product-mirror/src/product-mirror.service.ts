import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEAD_LETTER_TABLE, upsertIfNewer } from '@app/inbox';
import type { CloudEvent } from '@app/outbox';
import type { ProductStatus } from './product-events.contract';
import { PRODUCT_MIRROR_TABLE } from './product-mirror.schema';
import { validPurge, validSnapshot } from './snapshot-validation';

/** A product as this service last heard of it; never authoritative. */
export interface MirroredProduct {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  currency: string;
  status: ProductStatus | 'purged';
  version: number;
}

interface MirrorRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price_cents: number;
  currency: string;
  status: ProductStatus | 'purged';
  version: number;
}

/** Reads and maintains the local product mirror (version-checked, idempotent). */
@Injectable()
export class ProductMirror {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applies a snapshot event if newer than the mirror; returns whether it changed anything. */
  async applySnapshot(manager: EntityManager, event: CloudEvent): Promise<boolean> {
    const s = validSnapshot(event.data, event.subject);
    return upsertIfNewer(manager, {
      table: PRODUCT_MIRROR_TABLE,
      values: {
        id: s.id,
        sku: s.sku,
        name: s.name,
        description: s.description ?? null,
        price_cents: s.priceCents,
        currency: s.currency,
        status: s.status,
        version: s.version,
        owner_updated_at: s.updatedAt ?? null,
        mirrored_at: new Date(),
      },
    });
  }

  /**
   * Erases the mirrored data but keeps a tombstone, so a late older snapshot cannot revive it;
   * parked dead letters about the product lose their bodies too (and parked ones are closed).
   */
  async applyPurge(manager: EntityManager, event: CloudEvent): Promise<boolean> {
    const p = validPurge(event.data, event.subject);
    await manager.query(
      `UPDATE "${DEAD_LETTER_TABLE}"
          SET "body" = convert_to('{}', 'UTF8'),
              "status" = CASE WHEN "status" = 'parked' THEN 'discarded' ELSE "status" END,
              "resolved_at" = COALESCE("resolved_at", now()),
              "resolved_by" = COALESCE("resolved_by", 'product.purged')
        WHERE "subject" = $1`,
      [p.id],
    );
    return upsertIfNewer(manager, {
      table: PRODUCT_MIRROR_TABLE,
      values: {
        id: p.id,
        sku: null,
        name: null,
        description: null,
        price_cents: null,
        currency: null,
        status: 'purged',
        version: event.aggregateversion,
        owner_updated_at: event.time,
        mirrored_at: new Date(),
      },
    });
  }

  async findMany(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, MirroredProduct>> {
    if (ids.length === 0) return new Map();
    const rows: MirrorRow[] = await manager.query(
      `SELECT "id", "sku", "name", "description", "price_cents", "currency", "status", "version"
         FROM "${PRODUCT_MIRROR_TABLE}" WHERE "id" = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, toMirrored(r)]));
  }

  async findOne(id: string, manager?: EntityManager): Promise<MirroredProduct | undefined> {
    return (await this.findMany([id], manager)).get(id);
  }
}

function toMirrored(r: MirrorRow): MirroredProduct {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    description: r.description,
    priceCents: r.price_cents,
    currency: r.currency,
    status: r.status,
    version: r.version,
  };
}
