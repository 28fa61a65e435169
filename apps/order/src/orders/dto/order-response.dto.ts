import { ApiProperty } from '@nestjs/swagger';
import type { OrderLineSnapshot, OrderSnapshot } from '@app/event-contracts';
import type { OrderLine } from '../order-line.entity';
import type { Order } from '../order.entity';

export class OrderLineResponseDto implements OrderLineSnapshot {
  @ApiProperty() lineNo!: number;
  @ApiProperty() productId!: string;
  @ApiProperty() productSku!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() unitPriceCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() lineTotalCents!: number;

  static from(l: OrderLine): OrderLineResponseDto {
    return {
      lineNo: l.lineNo,
      productId: l.productId,
      productSku: l.productSku,
      productName: l.productName,
      unitPriceCents: l.unitPriceCents,
      currency: l.currency,
      quantity: l.quantity,
      lineTotalCents: l.lineTotalCents,
    };
  }
}

export class OrderResponseDto implements OrderSnapshot {
  @ApiProperty() id!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: ['placed', 'cancelled'] }) status!: 'placed' | 'cancelled';
  @ApiProperty() totalCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty() placedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [OrderLineResponseDto] }) lines!: OrderLineResponseDto[];

  static from(o: Order): OrderResponseDto {
    return {
      id: o.id,
      customerId: o.customerId,
      status: o.status,
      totalCents: o.totalCents,
      currency: o.currency,
      version: o.version,
      cancelReason: o.cancelReason,
      placedAt: o.placedAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
      lines: [...o.lines]
        .sort((a, b) => a.lineNo - b.lineNo)
        .map((l) => OrderLineResponseDto.from(l)),
    };
  }
}
