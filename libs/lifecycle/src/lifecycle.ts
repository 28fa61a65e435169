import { In, type FindOperator } from 'typeorm';
import { InvalidTransitionError } from './lifecycle.errors';

export interface LifecycleDefinition<S extends string> {
  /** Entity name used in error messages, e.g. `product`. */
  entity: string;
  /** For each state, the states it may move to. */
  transitions: Record<S, readonly S[]>;
  /** States a caller asking for "active" rows may see. */
  visible: readonly S[];
}

export interface HasStatus<S extends string> {
  status: S;
}

/**
 * A status-based soft delete: entities move between states and are never deleted.
 * Transitions are guarded; moving to the state an entity is already in is a no-op, so
 * admin calls are idempotent and emit nothing the second time.
 */
export class Lifecycle<S extends string> {
  constructor(readonly definition: LifecycleDefinition<S>) {}

  get states(): S[] {
    return Object.keys(this.definition.transitions) as S[];
  }

  canMove(from: S, to: S): boolean {
    return this.definition.transitions[from].includes(to);
  }

  /** Moves the entity; returns false when it was already there, throws when not allowed. */
  transition(target: HasStatus<S>, to: S): boolean {
    if (target.status === to) return false;
    if (!this.canMove(target.status, to)) {
      throw new InvalidTransitionError(this.definition.entity, target.status, to);
    }
    target.status = to;
    return true;
  }

  isVisible(status: S): boolean {
    return this.definition.visible.includes(status);
  }

  /** A TypeORM `where` fragment: `{ status: visibleOnly() }` hides retired rows explicitly. */
  visibleOnly(): FindOperator<S> {
    // TypeORM types every `In(...)` result as `FindOperator<any>`; the values are all `S`.
    return In<S>([...this.definition.visible]) as FindOperator<S>;
  }

  /** SQL predicate for partial indexes and raw queries, e.g. `status IN ('active')`. */
  visibleSql(column = 'status'): string {
    const list = this.definition.visible.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ');
    return `"${column}" IN (${list})`;
  }

  /**
   * DDL for a unique index that only covers visible rows, so a retired row does not keep
   * its unique values (a decommissioned product's SKU can be reused). Paste its output into a
   * migration; never call it from one (ADR 0015).
   */
  partialUniqueIndexSql(table: string, columns: string[], name?: string): string {
    const indexName = name ?? `uq_${table}_${columns.join('_')}_visible`;
    const cols = columns.map((c) => `"${c}"`).join(', ');
    return `CREATE UNIQUE INDEX "${indexName}" ON "${table}" (${cols}) WHERE ${this.visibleSql()}`;
  }
}
