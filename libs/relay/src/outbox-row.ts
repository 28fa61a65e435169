/** An outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  eventId: string;
  eventType: string;
  exchange: string;
  routingKey: string;
  body: string;
  headers: Record<string, string>;
  aggregateKey: string;
  attempts: number;
  createdAt: Date;
}

export interface PublishFailure {
  row: OutboxRow;
  error: string;
}
