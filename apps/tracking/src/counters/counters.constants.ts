/** Stable consumer name: keys the inbox and names the queue `tracking.cart`; never change it. */
export const TRACKING_CONSUMER = 'tracking';

/** The producer whose events feed the counters (exchange `cart.events`). */
export const CART_PRODUCER = 'cart';
