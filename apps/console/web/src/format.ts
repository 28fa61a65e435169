/** The browser's time zone, named on the page: every time shown is in it. */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An ISO 8601 time in the browser's zone and locale; `–` for none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** A duration in seconds as `42 s`, `3 min 5 s`, `2 h 7 min`. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Compact JSON for a table cell. */
export function compactJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}
