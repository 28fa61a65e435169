import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { StateConflictError, StaleVersionError } from '@app/lifecycle';
import { ProductEventType } from '@app/event-contracts';
import type { CreateProductDto } from './dto/create-product.dto';
import type { ListProductsQuery } from './dto/list-products.query';
import type { UpdateProductDto } from './dto/update-product.dto';
import { ProductChanges } from './product-changes';
import { ProductTombstones } from './product-tombstones';
import { Product } from './product.entity';

/** Reading, creating and editing products (lifecycle changes live in ProductLifecycleService). */
@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ProductChanges,
    private readonly tombstones: ProductTombstones,
  ) {}

  async create(dto: CreateProductDto, actor: string): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const product = manager.create(Product, {
        id: randomUUID(),
        sku: dto.sku,
        name: dto.name,
        description: dto.description ?? null,
        priceCents: dto.priceCents,
        currency: dto.currency.toUpperCase(),
        status: 'active',
        decommissionReason: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor,
      });
      await this.changes.commit(manager, product, ProductEventType.Created, actor);
      return product;
    });
  }

  /**
   * Any status, decommissioned included: old orders and carts still resolve their products.
   * A purged product is 410 Gone, an id never seen 404.
   */
  async get(id: string): Promise<Product> {
    const product = await this.dataSource.manager.findOne(Product, { where: { id } });
    if (!product) throw await this.tombstones.missing(id);
    return product;
  }

  /** The products among `query.ids`; an unknown or purged id is simply left out. */
  async list(query: ListProductsQuery): Promise<Product[]> {
    const where = { id: In(query.ids), ...(query.status ? { status: query.status } : {}) };
    return this.dataSource.manager.find(Product, { where, order: { id: 'ASC' } });
  }

  /**
   * Edits an active product. `precondition` (from `If-Match`) is checked against the locked
   * row, so a stale caller gets 412 instead of overwriting a newer version.
   */
  async update(
    id: string,
    dto: UpdateProductDto,
    actor: string,
    precondition?: (p: Product) => boolean,
  ): Promise<Product> {
    return this.changes.change(id, async (product, manager) => {
      if (precondition && !precondition(product)) throw new StaleVersionError(product.version);
      if (product.status !== 'active') {
        throw new StateConflictError(`product ${id} is ${product.status} and cannot be edited`);
      }
      const changed = applyChanges(product, dto);
      if (changed.length === 0) return false;
      await this.changes.commit(manager, product, ProductEventType.Updated, actor, { changed });
      return true;
    });
  }
}

function applyChanges(product: Product, dto: UpdateProductDto): string[] {
  const changed: string[] = [];
  const next: Partial<Product> = {
    sku: dto.sku,
    name: dto.name,
    description: dto.description,
    priceCents: dto.priceCents,
    currency: dto.currency?.toUpperCase(),
  };
  for (const [key, value] of Object.entries(next) as [keyof Product, unknown][]) {
    if (value !== undefined && product[key] !== value) {
      (product as unknown as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
  }
  return changed;
}
