import { ValidateBy } from 'class-validator';

/** The instants PostgreSQL and `toISOString` both write as a four-digit year, 1 to 9999. */
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An RFC 3339 date-time with an offset (`2025-06-01T00:00:00Z`) that names a real day, at an
 * instant from year 1 to 9999: what PostgreSQL reads as the same instant. ISO 8601's other forms (`2020`, `2020-W01`)
 * are refused rather than guessed at.
 */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const realDay =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const instant = Date.parse(value);
  return realDay && instant >= EARLIEST && instant <= LATEST;
}

/** The property is an `isTimestamp` string. */
export function IsTimestamp(): PropertyDecorator {
  return ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: isTimestamp,
      defaultMessage: () =>
        '$property must be an RFC 3339 date-time with an offset, e.g. 2025-06-01T00:00:00Z',
    },
  });
}

/** PostgreSQL text cannot hold NUL: such input is refused (400), never sent to the database. */
export function NoNul(): PropertyDecorator {
  return ValidateBy({
    name: 'noNul',
    validator: {
      validate: (value) => typeof value !== 'string' || !value.includes('\u0000'),
      defaultMessage: () => '$property must not contain NUL characters',
    },
  });
}
