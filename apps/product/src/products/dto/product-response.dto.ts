import { ApiProperty } from '@nestjs/swagger';
import type { ProductSnapshot } from '@app/event-contracts';
import type { Product } from '../product.entity';

export class ProductResponseDto implements ProductSnapshot {
  @ApiProperty() id!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() priceCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: ['active', 'decommissioned'] }) status!: 'active' | 'decommissioned';
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String }) decommissionReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  /** The public representation, which is also the snapshot events carry. */
  static from(p: Product): ProductResponseDto {
    return Object.assign(new ProductResponseDto(), {
      id: p.id,
      sku: p.sku,
      name: p.name,
      description: p.description,
      priceCents: p.priceCents,
      currency: p.currency,
      status: p.status,
      version: p.version,
      decommissionReason: p.decommissionReason,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    });
  }
}

export class ProductListResponseDto {
  @ApiProperty({ type: [ProductResponseDto] }) items!: ProductResponseDto[];
}
