import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer's cart; its version orders the cart's events. */
@Entity('carts')
export class Cart {
  @PrimaryColumn('text', { name: 'customer_id' }) customerId!: string;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
