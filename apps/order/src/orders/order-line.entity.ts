import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Order } from './order.entity';

/** A line as it was at order time: the product's name and price are copied, never looked up. */
@Entity('order_lines')
export class OrderLine {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId!: string;
  @PrimaryColumn('integer', { name: 'line_no' }) lineNo!: number;
  @Column('uuid', { name: 'product_id' }) productId!: string;
  @Column('text', { name: 'product_sku' }) productSku!: string;
  @Column('text', { name: 'product_name' }) productName!: string;
  @Column('integer', { name: 'product_version' }) productVersion!: number;
  @Column('integer', { name: 'unit_price_cents' }) unitPriceCents!: number;
  @Column('char', { length: 3 }) currency!: string;
  @Column('integer') quantity!: number;
  @Column('integer', { name: 'line_total_cents' }) lineTotalCents!: number;
  @ManyToOne(() => Order, (order) => order.lines)
  @JoinColumn({ name: 'order_id' })
  order?: Order;
}
