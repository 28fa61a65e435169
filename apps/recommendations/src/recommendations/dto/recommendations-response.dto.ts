import { ApiProperty } from '@nestjs/swagger';
import type { Versioned } from '@app/http-caching';
import type { Recommendation } from '../recommendations.service';

export class RecommendedProductDto {
  @ApiProperty() productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: "the product's version as mirrored here" }) version!: number;
  @ApiProperty({ description: 'orders (not cancelled) that held both products' }) orders!: number;

  static from(r: Recommendation): RecommendedProductDto {
    return {
      productId: r.productId,
      name: r.name,
      priceCents: r.priceCents,
      currency: r.currency,
      version: r.version,
      orders: r.orders,
    };
  }
}

export class RecommendationsResponseDto {
  @ApiProperty() productId!: string;
  @ApiProperty({
    type: [RecommendedProductDto],
    description: 'active products only, most orders first, then by id; never the product itself',
  })
  items!: RecommendedProductDto[];

  static from(productId: string, items: Recommendation[]): RecommendationsResponseDto {
    return { productId, items: items.map((r) => RecommendedProductDto.from(r)) };
  }

  /**
   * The list, in order, is the products (id, version) and each pair's order count: the ETag
   * changes when a product changes, leaves or joins the list, or the ranking moves.
   */
  static versions(body: RecommendationsResponseDto): Versioned[] {
    return body.items.flatMap((i) => [
      { id: i.productId, version: i.version },
      { id: `${body.productId}+${i.productId}`, version: i.orders },
    ]);
  }
}
