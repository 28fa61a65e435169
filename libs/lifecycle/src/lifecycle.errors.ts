/** A requested state change the lifecycle does not allow (maps to HTTP 409). */
export class InvalidTransitionError extends Error {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${entity} cannot go from '${from}' to '${to}'`);
    this.name = 'InvalidTransitionError';
  }
}

/** An operation refused because of the entity's current state (maps to HTTP 409). */
export class StateConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateConflictError';
  }
}

/** The caller's precondition names a version that is no longer current (maps to HTTP 412). */
export class StaleVersionError extends Error {
  constructor(readonly currentVersion: number) {
    super(`the precondition names a stale version; the current version is ${currentVersion}`);
    this.name = 'StaleVersionError';
  }
}
