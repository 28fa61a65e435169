import { Inject, Injectable } from '@nestjs/common';
import { StateConflictError } from '@app/lifecycle';
import { PURGE_LEDGER_OPTIONS, PurgeLedger, type PurgeLedgerModuleOptions } from '@app/mirror-sync';
import { Outbox } from '@app/outbox';
import { ProductEventType } from '@app/event-contracts';
import { recordAudit } from '@app/audit';
import { ProductChanges } from './product-changes';
import { ProductTombstones } from './product-tombstones';
import { productLifecycle } from './product.lifecycle';
import { Product } from './product.entity';

/**
 * Decommission, recommission and purge. Moving to the state a product is already in changes
 * nothing and emits nothing, so admin calls can be repeated safely.
 */
@Injectable()
export class ProductLifecycleService {
  constructor(
    private readonly changes: ProductChanges,
    private readonly outbox: Outbox,
    private readonly tombstones: ProductTombstones,
    private readonly ledger: PurgeLedger,
    @Inject(PURGE_LEDGER_OPTIONS) private readonly purges: PurgeLedgerModuleOptions,
  ) {}

  async decommission(id: string, reason: string, actor: string): Promise<Product> {
    return this.changes.change(id, async (product, manager) => {
      if (!productLifecycle.transition(product, 'decommissioned')) return false;
      product.decommissionReason = reason;
      await this.changes.commit(manager, product, ProductEventType.Decommissioned, actor, {
        reason,
      });
      return true;
    });
  }

  async recommission(id: string, actor: string, reason?: string): Promise<Product> {
    return this.changes.change(id, async (product, manager) => {
      if (!productLifecycle.transition(product, 'active')) return false;
      product.decommissionReason = null;
      await this.changes.commit(manager, product, ProductEventType.Recommissioned, actor, {
        reason,
      });
      return true;
    });
  }

  /**
   * True erasure, for legal requests: only a decommissioned product can be purged. The row is
   * replaced by a tombstone (id, version, time), the product's pending events are withdrawn and
   * its other events scrubbed, `product.purged` tells every mirror to erase it too, the audit
   * log keeps who did it and why (but not the erased data), and the purge ledger waits for a
   * receipt from every mirror. A second purge is 410 Gone.
   */
  async purge(id: string, reason: string, actor: string): Promise<void> {
    await this.changes.change(id, async (product, manager) => {
      if (product.status !== 'decommissioned') {
        throw new StateConflictError(`product ${id} must be decommissioned before it is purged`);
      }
      const version = product.version + 1;
      await manager.delete(Product, { id });
      await this.tombstones.write(manager, id, version);
      await this.outbox.erase(manager, 'product', id);
      await this.outbox.add(manager, {
        type: ProductEventType.Purged,
        aggregateType: 'product',
        aggregateId: id,
        aggregateVersion: version,
        data: { id },
      });
      await recordAudit(manager, {
        actor,
        action: ProductEventType.Purged,
        entityType: 'product',
        entityId: id,
        details: { version, reason },
      });
      await this.ledger.open(manager, {
        aggregateType: 'product',
        aggregateId: id,
        version,
        expectedMirrors: this.purges.expectedMirrors,
      });
      return true;
    });
  }
}
