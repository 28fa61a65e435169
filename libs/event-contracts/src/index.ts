export { MAX_CENTS, MAX_QUANTITY, MAX_VERSION } from './contract-bounds';
export { CartEventType, CartItemEventData } from './cart-events.contract';
export {
  ORDER_STATUSES,
  OrderEventType,
  OrderLineSnapshot,
  OrderSnapshot,
  type OrderStatus,
} from './order-events.contract';
export {
  PRODUCT_STATUSES,
  ProductEventType,
  ProductPurged,
  ProductSnapshot,
  type ProductStatus,
} from './product-events.contract';
export { PurgeReceipt, PurgeReceiptEventType } from './purge-receipt.contract';
export * from './asyncapi';
export { fastContractCheck } from './contract-check';
