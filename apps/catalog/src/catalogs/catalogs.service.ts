import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { bumpVersion, StateConflictError } from '@app/lifecycle';
import { ProductMirror, type MirroredProduct } from '@app/product-mirror';
import { recordAudit } from '@app/audit';
import { catalogEntryLifecycle } from './catalog-entry.lifecycle';
import { CatalogEntry } from './catalog-entry.entity';
import { Catalog } from './catalog.entity';
import type { CreateCatalogDto } from './dto/create-catalog.dto';

export interface CatalogView {
  catalog: Catalog;
  products: MirroredProduct[];
}

/**
 * Catalogs per medium; they list only published entries whose product is active. The catalog
 * publishes no events (nobody consumes them; see docs/decisions/0003-catalog-emits-no-events.md):
 * its changes are versioned and audited in the same transaction.
 */
@Injectable()
export class CatalogsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mirror: ProductMirror,
  ) {}

  async create(dto: CreateCatalogDto, actor: string): Promise<Catalog> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const catalog = manager.create(Catalog, {
        id: randomUUID(),
        name: dto.name,
        medium: dto.medium,
        version: 0,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor,
      });
      await this.commit(manager, catalog, 'catalog.created', actor, {
        id: catalog.id,
        name: catalog.name,
        medium: catalog.medium,
      });
      return catalog;
    });
  }

  /** The catalog with its products; a decommissioned or purged product is never listed. */
  async view(id: string): Promise<CatalogView> {
    const catalog = await this.dataSource.manager.findOne(Catalog, { where: { id } });
    if (!catalog) throw new NotFoundException(`catalog ${id} not found`);
    const entries = await this.dataSource.manager.find(CatalogEntry, {
      where: { catalogId: id, status: catalogEntryLifecycle.visibleOnly() },
    });
    const mirrored = await this.mirror.findMany(entries.map((e) => e.productId));
    const products = [...mirrored.values()]
      .filter((p) => p.status === 'active')
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { catalog, products };
  }

  /** Publishes an active product; a decommissioned one is refused (409), an unknown one 422. */
  async publish(catalogId: string, productId: string, actor: string): Promise<CatalogEntry> {
    return this.dataSource.transaction(async (manager) => {
      const catalog = await this.lockCatalog(manager, catalogId);
      const product = await this.mirror.findOne(productId, manager);
      if (!product || product.status === 'purged') {
        throw new UnprocessableEntityException(`product ${productId} is not known to the catalog`);
      }
      if (product.status !== 'active') {
        throw new StateConflictError(
          `product ${productId} is ${product.status} and cannot be published`,
        );
      }
      const existing = await manager.findOne(CatalogEntry, { where: { catalogId, productId } });
      const entry =
        existing ??
        manager.create(CatalogEntry, { catalogId, productId, status: 'withdrawn' as const });
      if (existing && !catalogEntryLifecycle.transition(entry, 'published')) return entry;
      entry.status = 'published';
      await this.saveEntry(manager, catalog, entry, 'catalog.product-published', actor);
      return entry;
    });
  }

  /** Withdraws a product from a catalog; withdrawing what is not published changes nothing. */
  async withdraw(catalogId: string, productId: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const catalog = await this.lockCatalog(manager, catalogId);
      const entry = await manager.findOne(CatalogEntry, { where: { catalogId, productId } });
      if (!entry || !catalogEntryLifecycle.transition(entry, 'withdrawn')) return;
      await this.saveEntry(manager, catalog, entry, 'catalog.product-withdrawn', actor);
    });
  }

  private async saveEntry(
    manager: EntityManager,
    catalog: Catalog,
    entry: CatalogEntry,
    type: string,
    actor: string,
  ): Promise<void> {
    entry.changedAt = new Date();
    entry.changedBy = actor;
    await manager.save(CatalogEntry, entry);
    await this.commit(manager, catalog, type, actor, {
      catalogId: catalog.id,
      productId: entry.productId,
      status: entry.status,
    });
  }

  private async lockCatalog(manager: EntityManager, id: string): Promise<Catalog> {
    const catalog = await manager.findOne(Catalog, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!catalog) throw new NotFoundException(`catalog ${id} not found`);
    return catalog;
  }

  private async commit(
    manager: EntityManager,
    catalog: Catalog,
    type: string,
    actor: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    bumpVersion(catalog);
    catalog.updatedAt = new Date();
    catalog.updatedBy = actor;
    await manager.save(Catalog, catalog);
    await recordAudit(manager, {
      actor,
      action: type,
      entityType: 'catalog',
      entityId: catalog.id,
      details: { ...data, version: catalog.version },
    });
  }
}
