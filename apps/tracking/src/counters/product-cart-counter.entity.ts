import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; counts of cart events stay far below 2^53. */
const bigintAsNumber: ValueTransformer = {
  from: (value: string | null) => (value === null ? 0 : Number(value)),
  to: (value: number) => value,
};

/** How often a product was added to and removed from carts; only ever incremented. */
@Entity('product_cart_counters')
export class ProductCartCounter {
  @PrimaryColumn('uuid', { name: 'product_id' }) productId!: string;
  @Column('bigint', { transformer: bigintAsNumber }) added!: number;
  @Column('bigint', { transformer: bigintAsNumber }) removed!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
