/** Seconds; an HTTP answer of this system takes milliseconds, a slow one seconds. */
export const HTTP_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Seconds; an event travels in milliseconds, but a broker outage, a retry or a requeued dead
 * letter stretches it to minutes or hours, and those belong in the top buckets, not off the scale.
 */
export const DELIVERY_LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600,
];
