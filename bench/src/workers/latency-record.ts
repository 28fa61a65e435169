/** One write of a latency run: the event it produced, when it was due and when it committed. */
export interface WriteRecord {
  eventId: string;
  scheduledAt: number;
  committedAt: number;
}
