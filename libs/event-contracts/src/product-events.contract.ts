import {
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
} from 'class-validator';
import type { EventContract } from './event-contract';
import { Nullable } from './nullable.decorator';
import { MAX_CENTS, MAX_TEXT, MAX_VERSION } from './contract-bounds';

/** The product service's published contract (exchange `product.events`). */
export const ProductEventType = {
  Created: 'product.created',
  Updated: 'product.updated',
  Decommissioned: 'product.decommissioned',
  Recommissioned: 'product.recommissioned',
  Purged: 'product.purged',
} as const;

export type ProductEventType = (typeof ProductEventType)[keyof typeof ProductEventType];

export const PRODUCT_STATUSES = ['active', 'decommissioned'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * Event-carried state of every product event but `product.purged`: the whole product as of
 * `version`, so a mirror never calls back. `subject` is `id`; `aggregateversion` is `version`.
 */
export class ProductSnapshot {
  @IsUUID('loose') id!: string;
  @IsString() @Length(1, 64) sku!: string;
  @IsString() @Length(1, 200) name!: string;
  @Nullable() @IsString() @MaxLength(MAX_TEXT) description!: string | null;
  @IsInt() @Min(0) @Max(MAX_CENTS) priceCents!: number;
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency!: string;
  @IsIn(PRODUCT_STATUSES) status!: ProductStatus;
  @IsInt() @Min(1) @Max(MAX_VERSION) version!: number;
  @Nullable()
  @IsString()
  @MaxLength(500)
  decommissionReason!: string | null;
  @IsISO8601() createdAt!: string;
  @IsISO8601() updatedAt!: string;
}

/** `product.purged` carries only the id; `aggregateversion` is the tombstone's version. */
export class ProductPurged {
  @IsUUID('loose') id!: string;
}

/** Every product event type with its contract (what the product service declares it publishes). */
export const PRODUCT_EVENT_CONTRACTS: readonly EventContract[] = [
  {
    type: ProductEventType.Created,
    data: ProductSnapshot,
    summary: 'A product was created (version 1).',
  },
  { type: ProductEventType.Updated, data: ProductSnapshot, summary: 'A product was changed.' },
  {
    type: ProductEventType.Decommissioned,
    data: ProductSnapshot,
    summary: 'A product was retired: kept, but no longer sold.',
  },
  {
    type: ProductEventType.Recommissioned,
    data: ProductSnapshot,
    summary: 'A decommissioned product is sold again.',
  },
  {
    type: ProductEventType.Purged,
    data: ProductPurged,
    summary: 'A product was erased: every copy of its data must go; only its id remains.',
  },
];
