import type { Request } from 'express';
import type { Versioned } from './entity-tag';

/**
 * Reads only the ids and versions a conditional GET would represent (one indexed lookup), so a
 * matching `If-None-Match` is answered 304 before the handler loads anything. Return undefined
 * when unsure (unknown id, bad input): the handler then runs and answers as usual.
 */
export interface VersionPrecheck {
  currentVersions(req: Request): Promise<Versioned | Versioned[] | undefined>;
}
