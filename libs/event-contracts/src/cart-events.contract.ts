/** The cart service's published contract (exchange `cart.events`). */
export const CartEventType = {
  ItemAdded: 'cart.item-added',
  ItemUpdated: 'cart.item-updated',
  ItemRemoved: 'cart.item-removed',
} as const;

export type CartEventType = (typeof CartEventType)[keyof typeof CartEventType];

/**
 * Data of every cart event. The aggregate is the cart (`subject` = customer id) and
 * `aggregateversion` is the cart's version after the change.
 * - `cart.item-added`: the product was not in the cart (or had been removed); `quantity` > 0.
 * - `cart.item-updated`: the product's quantity changed; `previousQuantity` says from what.
 * - `cart.item-removed`: the line was removed; `quantity` is 0, `previousQuantity` what it was.
 */
export interface CartItemEventData {
  customerId: string;
  productId: string;
  quantity: number;
  previousQuantity: number;
  cartVersion: number;
}
