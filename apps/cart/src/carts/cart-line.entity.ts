import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CartLineStatus = 'active' | 'removed';

/** A product in a cart; removed, never deleted. Name and price as seen when last put. */
@Entity('cart_lines')
export class CartLine {
  @PrimaryColumn('text', { name: 'customer_id' }) customerId!: string;
  @PrimaryColumn('uuid', { name: 'product_id' }) productId!: string;
  @Column('text') status!: CartLineStatus;
  @Column('integer') quantity!: number;
  @Column('text', { name: 'product_name' }) productName!: string;
  @Column('integer', { name: 'unit_price_cents' }) unitPriceCents!: number;
  @Column('char', { length: 3 }) currency!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
