import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '@app/audit';
import { CartEventType, type CartItemEventData } from '@app/event-contracts';
import { bumpVersion } from '@app/lifecycle';
import { Outbox } from '@app/outbox';
import { ProductMirror } from '@app/product-mirror';
import type { CartResponseDto } from './dto/cart-response.dto';
import { cartLineLifecycle } from './cart-line.lifecycle';
import { CartLine } from './cart-line.entity';
import { Cart } from './cart.entity';
import { ProductLookup } from './product-lookup.service';

/** Carts: each put or removal is one transaction with its event (`cart.item-*`). */
@Injectable()
export class CartsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly lookup: ProductLookup,
    private readonly mirror: ProductMirror,
  ) {}

  /** Sets a product's quantity; the product must exist and be active (checked before the tx). */
  async put(customerId: string, productId: string, quantity: number): Promise<CartResponseDto> {
    const product = await this.lookup.addable(productId);
    await this.dataSource.transaction(async (manager) => {
      const cart = await this.lockCart(manager, customerId);
      const line = await manager.findOne(CartLine, { where: { customerId, productId } });
      const previous = line?.status === 'active' ? line.quantity : 0;
      if (previous === quantity) return;
      const next =
        line ?? manager.create(CartLine, { customerId, productId, status: 'active' as const });
      if (line) cartLineLifecycle.transition(next, 'active');
      Object.assign(next, {
        quantity,
        productName: product.name,
        unitPriceCents: product.priceCents,
        currency: product.currency,
        updatedAt: new Date(),
      });
      await manager.save(CartLine, next);
      const type = previous === 0 ? CartEventType.ItemAdded : CartEventType.ItemUpdated;
      await this.commit(manager, cart, type, { productId, quantity, previousQuantity: previous });
    });
    return this.view(customerId);
  }

  /** Removes a line; removing what is not in the cart changes nothing. */
  async remove(customerId: string, productId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Cart first, then line: the same lock order as `put`, so the two never deadlock.
      const cart = await manager.findOne(Cart, {
        where: { customerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!cart) return;
      const line = await manager.findOne(CartLine, { where: { customerId, productId } });
      if (!line || !cartLineLifecycle.transition(line, 'removed')) return;
      const previousQuantity = line.quantity;
      line.quantity = 0;
      line.updatedAt = new Date();
      await manager.save(CartLine, line);
      await this.commit(manager, cart, CartEventType.ItemRemoved, {
        productId,
        quantity: 0,
        previousQuantity,
      });
    });
  }

  /** The cart with availability from the product mirror (decommissioned → `available: false`). */
  async view(customerId: string): Promise<CartResponseDto> {
    const cart = await this.dataSource.manager.findOne(Cart, { where: { customerId } });
    const lines = await this.dataSource.manager.find(CartLine, {
      where: { customerId, status: cartLineLifecycle.visibleOnly() },
      order: { productId: 'ASC' },
    });
    const products = await this.mirror.findMany(lines.map((l) => l.productId));
    return {
      customerId,
      version: cart?.version ?? 0,
      lines: lines.map((l) => {
        const p = products.get(l.productId);
        return {
          productId: l.productId,
          quantity: l.quantity,
          productName: p?.name ?? l.productName,
          unitPriceCents: p?.priceCents ?? l.unitPriceCents,
          currency: p?.currency ?? l.currency,
          available: !p || p.status === 'active',
          productVersion: p?.version ?? 0,
        };
      }),
    };
  }

  private async lockCart(manager: EntityManager, customerId: string): Promise<Cart> {
    const now = new Date();
    // Creates the cart on first use; the row lock serialises changes to one cart.
    await manager.query(
      `INSERT INTO "carts" ("customer_id", "version", "created_at", "updated_at")
       VALUES ($1, 0, $2, $2) ON CONFLICT DO NOTHING`,
      [customerId, now],
    );
    return manager.findOneOrFail(Cart, {
      where: { customerId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private async commit(
    manager: EntityManager,
    cart: Cart,
    type: CartEventType,
    change: Omit<CartItemEventData, 'customerId' | 'cartVersion'>,
  ): Promise<void> {
    bumpVersion(cart);
    cart.updatedAt = new Date();
    await manager.save(Cart, cart);
    const data: CartItemEventData = {
      customerId: cart.customerId,
      cartVersion: cart.version,
      ...change,
    };
    await this.outbox.add(manager, {
      type,
      aggregateType: 'cart',
      aggregateId: cart.customerId,
      aggregateVersion: cart.version,
      data,
    });
    await recordAudit(manager, {
      actor: `customer:${cart.customerId}`,
      action: type,
      entityType: 'cart',
      entityId: cart.customerId,
      details: { ...change, version: cart.version },
    });
  }
}
