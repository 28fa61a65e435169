import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  rangeDigests,
  type EntryState,
  type MirrorTarget,
  type RangeDigest,
  type SnapshotEntry,
} from '@app/mirror-sync';
import type { ProductSnapshot } from '@app/event-contracts';
import { entryStates } from './product-mirror-rows';
import { PRODUCT_MIRROR_TABLE } from './product-mirror.schema';
import { ProductMirror } from './product-mirror.service';

/**
 * `product_mirror` as seeding and reconciliation see it. Writes go through `ProductMirror`, the
 * consumer's own path, so a tombstone they restore is completed with its receipt.
 */
@Injectable()
export class ProductMirrorTarget implements MirrorTarget<ProductSnapshot> {
  readonly name = 'product';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mirror: ProductMirror,
  ) {}

  digests(prefixes: string[]): Promise<RangeDigest[]> {
    return rangeDigests(
      this.dataSource,
      [{ table: PRODUCT_MIRROR_TABLE, hashColumn: 'entry_hash' }],
      prefixes,
    );
  }

  entries(prefix: string): Promise<EntryState[]> {
    return entryStates(this.dataSource, prefix);
  }

  applyIfNewer(
    manager: EntityManager,
    entries: SnapshotEntry<ProductSnapshot>[],
  ): Promise<string[]> {
    return this.mirror.apply(manager, entries);
  }

  reset(
    manager: EntityManager,
    entry: SnapshotEntry<ProductSnapshot>,
    expected: EntryState,
  ): Promise<boolean> {
    return this.mirror.reset(manager, entry, expected);
  }

  remove(manager: EntityManager, expected: EntryState): Promise<boolean> {
    return this.mirror.remove(manager, expected);
  }
}
