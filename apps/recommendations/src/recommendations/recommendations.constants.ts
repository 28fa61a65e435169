/** Stable consumer name: keys the inbox and names the queues; never change it once deployed. */
export const RECOMMENDATIONS_CONSUMER = 'recommendations';

/** Producers this service consumes: `recommendations.order` and `recommendations.product`. */
export const ORDER_PRODUCER = 'order';
export const PRODUCT_PRODUCER = 'product';
