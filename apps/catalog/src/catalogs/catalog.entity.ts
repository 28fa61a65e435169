import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('catalogs')
export class Catalog {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') medium!: string;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
}
