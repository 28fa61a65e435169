import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { bumpVersion } from '@app/lifecycle';
import { Outbox } from '@app/outbox';
import type { ProductEventType } from '@app/event-contracts';
import { recordAudit } from '@app/audit';
import { withLogFields } from '@app/telemetry';
import { ProductResponseDto } from './dto/product-response.dto';
import { ProductTombstones } from './product-tombstones';
import { Product } from './product.entity';

/**
 * The one way a product changes: inside a transaction that locks the row, bumps its version,
 * and writes the event and the audit entry with the change.
 */
@Injectable()
export class ProductChanges {
  private readonly logger = new Logger(ProductChanges.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly tombstones: ProductTombstones,
  ) {}

  /**
   * Runs `work` on the locked product; `work` returns false when nothing changed. A product
   * without a row is 404, or 410 Gone when it was purged (so no change reaches a tombstone).
   */
  async change(
    id: string,
    work: (product: Product, manager: EntityManager) => boolean | Promise<boolean>,
  ): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const product = await manager.findOne(Product, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!product) throw await this.tombstones.missing(id, manager);
      await work(product, manager);
      return product;
    });
  }

  /** Saves a changed product as its next version and emits `type` with the full snapshot. */
  async commit(
    manager: EntityManager,
    product: Product,
    type: ProductEventType,
    actor: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (product.version === undefined) product.version = 0;
    const isNew = product.version === 0;
    bumpVersion(product);
    product.updatedAt = new Date();
    product.updatedBy = actor;
    const event = await this.outbox.add(manager, {
      type,
      aggregateType: 'product',
      aggregateId: product.id,
      aggregateVersion: product.version,
      data: ProductResponseDto.from(product),
    });
    await recordAudit(manager, {
      actor,
      action: type,
      entityType: 'product',
      entityId: product.id,
      details: { version: product.version, ...details },
    });
    // Written last: a constraint violation here rolls the event and the audit entry back with
    // it. Insert or update outright: `save` would first re-read the row this transaction holds.
    if (isNew) {
      await manager.insert(Product, product);
    } else {
      const { id, createdAt: _createdAt, ...changes } = product;
      await manager.update(Product, { id }, changes);
    }
    // One line per change: which product, version and event; never its data.
    withLogFields({ eventId: event.id, eventType: type }, () =>
      this.logger.log(`product ${product.id}: ${type}, version ${product.version}`),
    );
  }
}
