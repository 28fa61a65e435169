/** A class whose class-validator decorators state an event's `data` (its contract). */
export type ContractClass = abstract new (...args: never[]) => object;

/** One event type and the class its `data` must satisfy. */
export interface EventContract {
  /** CloudEvents `type`, also the routing key, e.g. `product.decommissioned`. */
  type: string;
  data: ContractClass;
  summary?: string;
}

/** The events a service consumes from one producer, through its queue `<service>.<producer>`. */
export interface Subscription {
  producer: string;
  queue: string;
  events: EventContract[];
}

/** What one service publishes on its exchange `<service>.events` and what it consumes. */
export interface ServiceEventSurface {
  service: string;
  publishes: EventContract[];
  subscribes: Subscription[];
}
