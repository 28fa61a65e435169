import { traceIdOf, type LogFields } from '@app/telemetry';

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

/** What a log line about a row names: its ids and its trace, never its payload. */
export function rowLogFields(row: OutboxRow): LogFields {
  return {
    outboxId: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    traceId: traceIdOf(row.headers.traceparent),
  };
}
