import type { EventContract } from '../event-contract';

/** The events a service consumes from one producer, through its queue `<service>.<producer>`. */
export interface Subscription {
  producer: string;
  queue: string;
  events: EventContract[];
}

/** What one service publishes on its exchange `<service>.events` and what it consumes. */
export interface ServiceEventSurface {
  service: string;
  publishes: readonly EventContract[];
  subscribes: Subscription[];
}
