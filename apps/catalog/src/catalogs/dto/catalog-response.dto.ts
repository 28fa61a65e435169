import { ApiProperty } from '@nestjs/swagger';
import type { MirroredProduct } from '@app/product-mirror';
import type { Catalog } from '../catalog.entity';

export class CatalogProductDto {
  @ApiProperty() id!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() version!: number;

  static from(p: MirroredProduct): CatalogProductDto {
    return {
      id: p.id,
      sku: p.sku,
      name: p.name,
      priceCents: p.priceCents,
      currency: p.currency,
      version: p.version,
    };
  }
}

export class CatalogResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() medium!: string;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [CatalogProductDto], description: 'published, active products only' })
  products!: CatalogProductDto[];

  static from(c: Catalog, products: MirroredProduct[] = []): CatalogResponseDto {
    return {
      id: c.id,
      name: c.name,
      medium: c.medium,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      products: products.map((p) => CatalogProductDto.from(p)),
    };
  }
}

export class CatalogEntryResponseDto {
  @ApiProperty() catalogId!: string;
  @ApiProperty() productId!: string;
  @ApiProperty({ enum: ['published', 'withdrawn'] }) status!: string;
  @ApiProperty() changedAt!: string;
}
