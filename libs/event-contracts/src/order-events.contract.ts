import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { EventContract } from './event-contract';
import { Nullable } from './nullable.decorator';
import { MAX_CENTS, MAX_ID, MAX_ORDER_LINES, MAX_QUANTITY, MAX_VERSION } from './contract-bounds';

/** The order service's published contract (exchange `order.events`). */
export const OrderEventType = {
  Placed: 'order.placed',
  Cancelled: 'order.cancelled',
} as const;

export type OrderEventType = (typeof OrderEventType)[keyof typeof OrderEventType];

export const ORDER_STATUSES = ['placed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const CURRENCY = /^[A-Z]{3}$/;

export class OrderLineSnapshot {
  @IsInt() @Min(1) @Max(MAX_ORDER_LINES) lineNo!: number;
  @IsUUID('loose') productId!: string;
  @IsString() @Length(1, 64) productSku!: string;
  @IsString() @Length(1, 200) productName!: string;
  @IsInt() @Min(0) @Max(MAX_CENTS) unitPriceCents!: number;
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' }) currency!: string;
  @IsInt() @Min(1) @Max(MAX_QUANTITY) quantity!: number;
  @IsInt() @Min(0) @Max(MAX_CENTS) lineTotalCents!: number;
}

/**
 * Data of every order event: the whole order as of `version` (event-carried state); `subject`
 * is `id` and `aggregateversion` is `version`.
 */
export class OrderSnapshot {
  @IsUUID('loose') id!: string;
  @IsString() @Length(1, MAX_ID) customerId!: string;
  @IsIn(ORDER_STATUSES) status!: OrderStatus;
  @IsInt() @Min(0) @Max(MAX_CENTS) totalCents!: number;
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' }) currency!: string;
  @IsInt() @Min(1) @Max(MAX_VERSION) version!: number;
  @Nullable() @IsString() @MaxLength(500) cancelReason!: string | null;
  @IsISO8601() placedAt!: string;
  @IsISO8601() updatedAt!: string;
  @IsArray()
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineSnapshot)
  lines!: OrderLineSnapshot[];
}

/** Every order event type with its contract (what the order service declares it publishes). */
export const ORDER_EVENT_CONTRACTS: readonly EventContract[] = [
  { type: OrderEventType.Placed, data: OrderSnapshot, summary: 'An order was placed.' },
  { type: OrderEventType.Cancelled, data: OrderSnapshot, summary: 'An order was cancelled.' },
];
