import { StaleVersionError } from './lifecycle.errors';

export interface HasVersion {
  version: number;
}

/** Throws when a precondition (e.g. `If-Match`) names another version than the current one. */
export function assertVersion(target: HasVersion, expected: number | undefined): void {
  if (expected !== undefined && expected !== target.version) {
    throw new StaleVersionError(target.version);
  }
}

/** Every committed change bumps the version exactly once; events carry it as `aggregateversion`. */
export function bumpVersion(target: HasVersion): number {
  target.version += 1;
  return target.version;
}
