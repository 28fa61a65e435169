import { call } from './api.js';

export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

/** An audit row with the service that wrote it. */
export type AuditRow = AuditRecord & { service: string };

interface AuditPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

/** One page (newest first) of a service's `GET /admin/audit`, its rows tagged with the service. */
export async function auditPage(
  service: string,
  filters: Record<string, string>,
  before: string | null,
  limit = 50,
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const query = new URLSearchParams({ ...filters, limit: String(limit) });
  if (before) query.set('before', before);
  const page = await call<AuditPage>(service, `admin/audit?${query.toString()}`);
  return { rows: page.items.map((r) => ({ ...r, service })), nextCursor: page.nextCursor };
}
