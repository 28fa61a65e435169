import { ApiProperty } from '@nestjs/swagger';
import type { Versioned } from '@app/http-caching';
import type { ProductCounters } from '../counters.service';

export class ProductCountersResponseDto {
  @ApiProperty() productId!: string;
  @ApiProperty({ description: 'cart.item-added events seen for this product' }) added!: number;
  @ApiProperty({ description: 'cart.item-removed events seen for this product' }) removed!: number;

  static from(c: ProductCounters): ProductCountersResponseDto {
    return { productId: c.productId, added: c.added, removed: c.removed };
  }

  /**
   * The counters only ever grow, so `added + removed` rises with every change: a version that
   * changes exactly when the representation does, and makes a meaningful ETag.
   */
  static versions(body: ProductCountersResponseDto): Versioned {
    return { id: body.productId, version: body.added + body.removed };
  }
}
