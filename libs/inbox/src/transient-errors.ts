const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection failures.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // Too many connections; serialization failure and deadlock: retrying succeeds.
  '53300',
  '40001',
  '40P01',
  // lock_timeout: another transaction holds the row; like a deadlock, not the message's fault.
  '55P03',
]);

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'connection is closed',
  // TypeORM, when the session under a transaction died: the next attempt gets a new one.
  'Query runner already released',
  'query runner was already released',
  'Connection terminated unexpectedly',
];

/**
 * True for failures of the infrastructure rather than of the message (the database is away,
 * a deadlock): such a message is retried for as long as it takes, never dead-lettered.
 */
export function isTransientInfrastructureError(err: unknown): boolean {
  const candidates = [err, (err as { driverError?: unknown } | null)?.driverError];
  return candidates.some((e) => {
    if (!e || typeof e !== 'object') return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    return typeof message === 'string' && CONNECTION_MESSAGES.some((m) => message.includes(m));
  });
}
