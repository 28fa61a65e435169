export { CartEventType, type CartItemEventData } from './cart-events.contract';
export {
  OrderEventType,
  type OrderLineSnapshot,
  type OrderSnapshot,
} from './order-events.contract';
export { PurgeReceiptEventType, type PurgeReceipt } from './purge-receipt.contract';
