/** Entries kept in `attempt_log`; older ones fall off so a row never grows without bound. */
export const ATTEMPT_LOG_LIMIT = 20;

/** One publish attempt (or operator action) in a row's `attempt_log`. */
export interface AttemptLogEntry {
  /** ISO 8601, UTC. */
  at: string;
  error: string;
}

/**
 * SQL expression for `SET "attempt_log" = ...`: the current log plus `{ at, error }`, trimmed
 * to the last `ATTEMPT_LOG_LIMIT` entries. `errorSql` is a text expression, typically a bind
 * parameter such as `$3::text`; `atSql` a timestamptz expression, `now()` unless given.
 */
export function appendAttemptLogSql(errorSql: string, atSql = 'now()'): string {
  const at = `to_char(${atSql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const entry = `jsonb_build_object('at', ${at}, 'error', ${errorSql})`;
  return `(SELECT coalesce(jsonb_agg(log.entry ORDER BY log.n), '[]'::jsonb)
             FROM jsonb_array_elements("attempt_log" || jsonb_build_array(${entry}))
                  WITH ORDINALITY AS log(entry, n)
            WHERE log.n > jsonb_array_length("attempt_log") + 1 - ${ATTEMPT_LOG_LIMIT})`;
}
