/** Token of the product-event consumer provider (an `EventConsumer`). */
export const PRODUCT_EVENTS_CONSUMER = Symbol('PRODUCT_EVENTS_CONSUMER');
