import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CustomerCaller } from '@app/auth';
import { OrderEventType } from '@app/event-contracts';
import { bumpVersion } from '@app/lifecycle';
import { Outbox } from '@app/outbox';
import { ProductMirror } from '@app/product-mirror';
import { recordAudit } from '@app/audit';
import type { PlaceOrderDto } from './dto/place-order.dto';
import { OrderResponseDto } from './dto/order-response.dto';
import { OrderLine } from './order-line.entity';
import { orderLifecycle } from './order.lifecycle';
import { Order } from './order.entity';
import { priceLines } from './order-pricing';

/** Orders keep a snapshot of each product as it was when ordered. */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly mirror: ProductMirror,
  ) {}

  async place(dto: PlaceOrderDto): Promise<Order> {
    return this.dataSource.transaction(async (manager) => {
      const products = await this.mirror.findMany(
        dto.lines.map((l) => l.productId),
        manager,
      );
      const priced = priceLines(dto.lines, products);
      const now = new Date();
      const id = randomUUID();
      const order = manager.create(Order, {
        id,
        customerId: dto.customerId,
        status: 'placed',
        totalCents: priced.totalCents,
        currency: priced.currency,
        version: 0,
        cancelReason: null,
        placedAt: now,
        updatedAt: now,
        lines: priced.lines.map((l) =>
          manager.create(OrderLine, {
            orderId: id,
            lineNo: l.lineNo,
            productId: l.product.id,
            productSku: l.product.sku,
            productName: l.product.name,
            productVersion: l.product.version,
            unitPriceCents: l.product.priceCents,
            currency: l.product.currency,
            quantity: l.quantity,
            lineTotalCents: l.lineTotalCents,
          }),
        ),
      });
      await this.commit(manager, order, OrderEventType.Placed, `customer:${dto.customerId}`);
      return order;
    });
  }

  async get(id: string): Promise<Order> {
    const order = await this.dataSource.manager.findOne(Order, { where: { id } });
    if (!order) throw new NotFoundException(`order ${id} not found`);
    return order;
  }

  /**
   * Cancels a placed order for a caller who may act for its customer (else 403, nothing
   * changed); cancelling again changes nothing and emits nothing.
   */
  async cancel(id: string, caller: CustomerCaller, reason?: string): Promise<Order> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, {
        where: { id },
        lock: { mode: 'pessimistic_write', tables: ['orders'] },
      });
      if (!order) throw new NotFoundException(`order ${id} not found`);
      caller.assertActsFor(order.customerId);
      if (!orderLifecycle.transition(order, 'cancelled')) return order;
      order.cancelReason = reason ?? null;
      await this.commit(manager, order, OrderEventType.Cancelled, `customer:${order.customerId}`);
      return order;
    });
  }

  private async commit(
    manager: EntityManager,
    order: Order,
    type: string,
    actor: string,
  ): Promise<void> {
    bumpVersion(order);
    order.updatedAt = new Date();
    await manager.save(Order, order);
    await this.outbox.add(manager, {
      type,
      aggregateType: 'order',
      aggregateId: order.id,
      aggregateVersion: order.version,
      data: OrderResponseDto.from(order),
    });
    await recordAudit(manager, {
      actor,
      action: type,
      entityType: 'order',
      entityId: order.id,
      details: { version: order.version },
    });
  }
}
