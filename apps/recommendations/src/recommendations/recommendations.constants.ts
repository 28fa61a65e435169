/** Stable consumer name: keys the inbox and names the queues; never change it once deployed. */
export const RECOMMENDATIONS_CONSUMER = 'recommendations';

/** Producers this service consumes: `recommendations.order` and `recommendations.product`. */
export const ORDER_PRODUCER = 'order';
export const PRODUCT_PRODUCER = 'product';

/** Injection token of the order-event consumer (an `EventConsumer`, started by Nest's hooks). */
export const ORDER_EVENTS_CONSUMER = Symbol('ORDER_EVENTS_CONSUMER');
