export type { ContractClass, EventContract } from './event-contract';
export { MAX_CENTS, MAX_ORDER_LINES, MAX_QUANTITY, MAX_VERSION } from './contract-bounds';
export { CART_EVENT_CONTRACTS, CartEventType, CartItemEventData } from './cart-events.contract';
export {
  ORDER_EVENT_CONTRACTS,
  ORDER_STATUSES,
  OrderEventType,
  OrderLineSnapshot,
  OrderSnapshot,
  type OrderStatus,
} from './order-events.contract';
export {
  PRODUCT_EVENT_CONTRACTS,
  PRODUCT_STATUSES,
  ProductEventType,
  ProductPurged,
  ProductSnapshot,
  type ProductStatus,
} from './product-events.contract';
export {
  PURGE_RECEIPT_CONTRACTS,
  PurgeReceipt,
  PurgeReceiptEventType,
} from './purge-receipt.contract';
export * from './asyncapi';
export { fastContractCheck } from './contract-check';
