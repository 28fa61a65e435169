import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { OrderLine } from './order-line.entity';

export type OrderStatus = 'placed' | 'cancelled';

@Entity('orders')
export class Order {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'customer_id' }) customerId!: string;
  @Column('text') status!: OrderStatus;
  @Column('integer', { name: 'total_cents' }) totalCents!: number;
  @Column('char', { length: 3 }) currency!: string;
  @Column('integer') version!: number;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  @Column('timestamptz', { name: 'placed_at' }) placedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @OneToMany(() => OrderLine, (line) => line.order, { cascade: ['insert'], eager: true })
  lines!: OrderLine[];
}
