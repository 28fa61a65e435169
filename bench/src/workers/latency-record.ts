/** One write of a latency run: the event it produced, when it was due and when it committed. */
export interface WriteRecord {
  eventId: string;
  scheduledAt: number;
  committedAt: number;
}

/**
 * One decommission of a mirror-latency run (5): straight in the database (`committedAt`) or
 * through the product API (`respondedAt`, `status`, and `error` when the request failed).
 */
export interface DecommissionRecord {
  id: string;
  scheduledAt: number;
  committedAt?: number;
  respondedAt?: number;
  status?: number;
  error?: string;
}
