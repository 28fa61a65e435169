export { Lifecycle, type HasStatus, type LifecycleDefinition } from './lifecycle';
export { InvalidTransitionError, StaleVersionError, StateConflictError } from './lifecycle.errors';
export { assertVersion, bumpVersion, type HasVersion } from './versioning';
