export { DELIVERY_LATENCY_BUCKETS, HTTP_LATENCY_BUCKETS } from './latency-buckets';
export { METRIC_PREFIX, metricName } from './metric-name';
export { createProcessRegistry } from './process-registry';
export { runningTotalCounter, type RunningTotal } from './running-total-counter';
