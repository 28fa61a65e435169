import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductStatus } from '@app/event-contracts';

@Entity('products')
export class Product {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') sku!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('integer', { name: 'price_cents' }) priceCents!: number;
  @Column('char', { length: 3 }) currency!: string;
  @Column('text') status!: ProductStatus;
  @Column('text', { name: 'decommission_reason', nullable: true }) decommissionReason!:
    string | null;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
}
