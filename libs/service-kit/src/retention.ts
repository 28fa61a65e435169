import type { ServiceConfig } from './service.config';

const DAY_MS = 24 * 3600 * 1000;

/** How long a service keeps settled dead letters and audit rows, in ms; 0 keeps them. */
export interface Retention {
  deadLettersMs: number;
  auditMs: number;
}

/** The retention a service's configuration asks for (`*_RETENTION_DAYS`, 0 by default). */
export function retentionOf(config: ServiceConfig): Retention {
  return {
    deadLettersMs: config.DEAD_LETTER_RETENTION_DAYS * DAY_MS,
    auditMs: config.AUDIT_RETENTION_DAYS * DAY_MS,
  };
}
