import { ApiProperty } from '@nestjs/swagger';

export class CartLineResponseDto {
  @ApiProperty() productId!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() productName!: string;
  @ApiProperty() unitPriceCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'false once the product is decommissioned or purged' })
  available!: boolean;
  @ApiProperty({ description: 'the product version this view is based on (0: not mirrored yet)' })
  productVersion!: number;
}

export class CartResponseDto {
  @ApiProperty() customerId!: string;
  @ApiProperty({ description: '0 for a cart that was never used' }) version!: number;
  @ApiProperty({ type: [CartLineResponseDto] }) lines!: CartLineResponseDto[];
}
