import type { DataSource } from 'typeorm';
import type { AmqpConnection } from '@app/amqp';
import type { EventHandler } from './inbox-batch';

export interface EventConsumerOptions {
  connection: AmqpConnection;
  dataSource: DataSource;
  /** Stable consumer name; keys the inbox, names the queue `<consumer>.<producer>`. */
  consumer: string;
  producer: string;
  /** Event type → handler. The queue is bound to exactly these types. */
  handlers: Record<string, EventHandler>;
  inboxTable?: string;
  /** Longest message body accepted, checked before parsing (default 256 KiB); longer is poison. */
  maxMessageBytes?: number;
  /** The CloudEvents `source` every message must carry; default `/services/<producer>`. */
  source?: string;
  prefetch?: number;
  /** Most messages applied in one transaction (default 20); 1 turns batching off. */
  maxBatch?: number;
  /** Transactions applying messages at once (default 4). */
  concurrency?: number;
  /** Handler failures retried through the retry queue before the message is dead-lettered. */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Broker-side bound for crash loops (quorum queue delivery limit). */
  deliveryLimit?: number;
  /** Pause after the last acks of a graceful stop before the channel closes (default 500 ms). */
  settleGraceMs?: number;
  /** How long the inbox remembers a message id (default 30 days). */
  inboxRetentionMs?: number;
}

export type HandleOutcome = 'applied' | 'duplicate' | 'retried' | 'dead-lettered';

/** What a consumer reports to health checks. */
export interface ConsumerStatus {
  queue: string;
  consuming: boolean;
  counts: Record<HandleOutcome, number>;
  /** Transactions that applied messages (fewer than messages when they arrive together). */
  transactions: number;
  /** Why it is not consuming (declaration refused, channel closed, consumer cancelled); null once it is again. */
  lastError: string | null;
}
