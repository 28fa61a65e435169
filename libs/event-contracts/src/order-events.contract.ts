/** The order service's published contract (exchange `order.events`). */
export const OrderEventType = {
  Placed: 'order.placed',
  Cancelled: 'order.cancelled',
} as const;

export type OrderEventType = (typeof OrderEventType)[keyof typeof OrderEventType];

export interface OrderLineSnapshot {
  lineNo: number;
  productId: string;
  productSku: string;
  productName: string;
  unitPriceCents: number;
  currency: string;
  quantity: number;
  lineTotalCents: number;
}

/** Data of every order event: the whole order as of `version` (event-carried state). */
export interface OrderSnapshot {
  id: string;
  customerId: string;
  status: 'placed' | 'cancelled';
  totalCents: number;
  currency: string;
  version: number;
  cancelReason: string | null;
  placedAt: string;
  updatedAt: string;
  lines: OrderLineSnapshot[];
}
