import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CatalogEntryStatus = 'published' | 'withdrawn';

/** A product's place in a catalog; withdrawn, never deleted. */
@Entity('catalog_entries')
export class CatalogEntry {
  @PrimaryColumn('uuid', { name: 'catalog_id' }) catalogId!: string;
  @PrimaryColumn('uuid', { name: 'product_id' }) productId!: string;
  @Column('text') status!: CatalogEntryStatus;
  @Column('timestamptz', { name: 'changed_at' }) changedAt!: Date;
  @Column('text', { name: 'changed_by' }) changedBy!: string;
}
