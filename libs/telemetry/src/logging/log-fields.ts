import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields that every log line written inside a scope carries (ids, never payloads). */
export type LogFields = Readonly<Record<string, string | number | undefined>>;

const scope = new AsyncLocalStorage<LogFields>();

/**
 * Runs `work` so that every log line it writes, through any logger and across awaits, carries
 * `fields` (merged over those of an enclosing scope): the consumer names the message it handles
 * this way, so lines written deep in a handler say which event they are about.
 */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  const outer = scope.getStore();
  return scope.run(outer ? { ...outer, ...fields } : fields, work);
}

/** The fields of the current scope, if any. */
export function currentLogFields(): LogFields | undefined {
  return scope.getStore();
}
