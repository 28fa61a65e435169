/** A class whose class-validator decorators state an event's `data` (its contract). */
export type ContractClass = abstract new (...args: never[]) => object;

/** One event type and the class its `data` must satisfy. */
export interface EventContract {
  /** CloudEvents `type`, also the routing key, e.g. `product.decommissioned`. */
  type: string;
  data: ContractClass;
  /** One line on what happened, for the AsyncAPI document. */
  summary?: string;
}
