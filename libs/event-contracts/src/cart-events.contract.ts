import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { MAX_ID, MAX_QUANTITY, MAX_VERSION } from './contract-bounds';
import type { EventContract } from './event-contract';

/** The cart service's published contract (exchange `cart.events`). */
export const CartEventType = {
  ItemAdded: 'cart.item-added',
  ItemUpdated: 'cart.item-updated',
  ItemRemoved: 'cart.item-removed',
} as const;

export type CartEventType = (typeof CartEventType)[keyof typeof CartEventType];

/**
 * Data of every cart event. The aggregate is the cart (`subject` = customer id) and
 * `aggregateversion` is the cart's version after the change (`cartVersion`).
 * - `cart.item-added`: the product was not in the cart (or had been removed); `quantity` > 0.
 * - `cart.item-updated`: the product's quantity changed; `previousQuantity` says from what.
 * - `cart.item-removed`: the line was removed; `quantity` is 0, `previousQuantity` what it was.
 */
export class CartItemEventData {
  @IsString() @Length(1, MAX_ID) customerId!: string;
  @IsUUID('loose') productId!: string;
  @IsInt() @Min(0) @Max(MAX_QUANTITY) quantity!: number;
  @IsInt() @Min(0) @Max(MAX_QUANTITY) previousQuantity!: number;
  @IsInt() @Min(1) @Max(MAX_VERSION) cartVersion!: number;
}

/** Every cart event type with its contract (what the cart service declares it publishes). */
export const CART_EVENT_CONTRACTS: readonly EventContract[] = [
  {
    type: CartEventType.ItemAdded,
    data: CartItemEventData,
    summary: 'A product was put into a cart.',
  },
  {
    type: CartEventType.ItemUpdated,
    data: CartItemEventData,
    summary: "The quantity of a cart's product changed.",
  },
  {
    type: CartEventType.ItemRemoved,
    data: CartItemEventData,
    summary: 'A product was taken out of a cart.',
  },
];
