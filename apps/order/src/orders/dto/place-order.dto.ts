import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_ORDER_LINES } from '@app/event-contracts';

export class OrderLineInputDto {
  @ApiProperty() @IsUUID() productId!: string;
  @ApiProperty({ minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) quantity!: number;
}

export class PlaceOrderDto {
  @ApiProperty({ example: 'customer-42' })
  @IsString()
  @Length(1, 100)
  customerId!: string;

  @ApiProperty({ type: [OrderLineInputDto], maxItems: MAX_ORDER_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInputDto)
  lines!: OrderLineInputDto[];
}

export class CancelOrderDto {
  @ApiProperty({ required: false, example: 'customer changed their mind' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
