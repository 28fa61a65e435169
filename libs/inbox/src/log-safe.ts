/** Longest text from a message that one log line carries. */
const MAX_LOGGED_CHARS = 500;

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text taken from a message (ids, types, reasons that quote them), made safe for one log line:
 * control characters (newlines, ANSI escapes) become `\uXXXX`, so a message cannot forge or
 * hide log lines, and it is cut after 500 characters.
 */
export function logSafe(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const escaped = text.replace(
    UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (escaped.length <= MAX_LOGGED_CHARS) return escaped;
  return `${escaped.slice(0, MAX_LOGGED_CHARS)}… (${escaped.length - MAX_LOGGED_CHARS} more)`;
}
