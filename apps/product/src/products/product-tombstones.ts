import { GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ProductTombstone } from './product-tombstone.entity';

/** Tombstones of purged products: written by the purge, read to tell 410 Gone from 404. */
@Injectable()
export class ProductTombstones {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the purge's transaction; `purged_at` is the transaction's time. */
  async write(manager: EntityManager, id: string, version: number): Promise<void> {
    await manager.query(
      'INSERT INTO "product_tombstones" ("id", "version", "purged_at") VALUES ($1, $2, now())',
      [id, version],
    );
  }

  /** The error for a product id that has no row: 410 if it was purged, 404 if it never was. */
  async missing(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<GoneException | NotFoundException> {
    const tombstone = await manager.findOne(ProductTombstone, { where: { id } });
    return tombstone
      ? new GoneException(`product ${id} was purged`)
      : new NotFoundException(`product ${id} not found`);
  }
}
