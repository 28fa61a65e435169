import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a purge leaves of a product: its id and last version, no data. Kept forever. */
@Entity('product_tombstones')
export class ProductTombstone {
  @PrimaryColumn('uuid') id!: string;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'purged_at' }) purgedAt!: Date;
}
