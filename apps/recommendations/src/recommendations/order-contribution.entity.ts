import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ContributionStatus = 'placed' | 'cancelled';

/**
 * What one order contributes to the co-purchase model, as of its latest applied version: a
 * placed order counts its pairs, a cancelled one (even if its cancel came first) counts none.
 */
@Entity('order_contributions')
export class OrderContribution {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId!: string;
  @Column('uuid', { name: 'product_ids', array: true }) productIds!: string[];
  @Column('text') status!: ContributionStatus;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
