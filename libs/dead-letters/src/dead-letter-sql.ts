import { BadRequestException } from '@nestjs/common';
import { decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-cursor';
import type { DeadLetterFilter, DeadLetterSelector } from './dead-letter.types';

/** The column each filter field matches in a kind's table. */
export type FilterColumns = Record<keyof DeadLetterFilter, string>;

/** Most rows a listing returns, and how many without `limit`. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

/** `column` as the cursor's text: microseconds, which a JS Date would drop. */
export function cursorAtSql(column: string): string {
  return `to_char("${column}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** `"column" = $n` for each given filter field, combined by the caller with AND. */
export function filterConditions(
  filter: DeadLetterFilter,
  columns: FilterColumns,
  params: unknown[],
): string[] {
  return (Object.keys(columns) as (keyof DeadLetterFilter)[]).flatMap((key) => {
    const value = filter[key];
    if (value === undefined) return [];
    params.push(value);
    return [`"${columns[key]}" = $${params.length}`];
  });
}

/** The conditions of a selector; `all` adds none. */
export function selectorConditions(
  selector: DeadLetterSelector,
  columns: FilterColumns,
  params: unknown[],
): string[] {
  if ('ids' in selector) {
    params.push(selector.ids);
    return [`"id" = ANY($${params.length}::bigint[])`];
  }
  if ('filter' in selector) {
    const conditions = filterConditions(selector.filter, columns, params);
    // An empty filter would silently select everything; that takes an explicit `all`.
    if (conditions.length === 0) {
      throw new BadRequestException('filter needs a field; select everything with { all: true }');
    }
    return conditions;
  }
  return [];
}

/** Rows strictly after `before` in newest-first order of (`atColumn`, `id`). */
export function keysetCondition(
  atColumn: string,
  before: string | undefined,
  params: unknown[],
): string[] {
  if (before === undefined) return [];
  const cursor = decodeDeadLetterCursor(before);
  if (!cursor) throw new BadRequestException('before must be a nextCursor from a listing');
  params.push(cursor.at, cursor.id);
  const [at, id] = [params.length - 1, params.length];
  return [`("${atColumn}", "id") < ($${at}::timestamptz, $${id}::bigint)`];
}

/** The listing's limit, checked (the DTO checks it too; a direct caller may not). */
export function pageLimit(limit: number | undefined): number {
  const n = limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw new BadRequestException(`limit must be an integer from 1 to ${MAX_PAGE}`);
  }
  return n;
}

/** The next page's cursor: the last row of a full page, else null. */
export function nextCursor(
  rows: { id: string; cursor_at: string }[],
  limit: number,
): string | null {
  const last = rows.at(-1);
  return last && rows.length === limit
    ? encodeDeadLetterCursor({ at: last.cursor_at, id: last.id })
    : null;
}

/** Requested ids that no row answered for, in the order asked, without repeats. */
export function skippedIds(selector: DeadLetterSelector, seen: Iterable<string>): string[] {
  if (!('ids' in selector)) return [];
  const taken = new Set(seen);
  return [...new Set(selector.ids)].filter((id) => !taken.has(id));
}
