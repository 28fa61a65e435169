import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AUDIT_LOG_TABLE } from './audit-log';

/** Narrows the audit listing; every given field must match, times bound `at`. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO 8601; entries at or after it. */
  from?: string;
  /** ISO 8601; entries before it. */
  to?: string;
  /** 1..500, default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  before?: string;
}

/** An audit row as the API shows it. */
export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

interface Row {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: Record<string, unknown>;
}

const EXACT = {
  actor: 'actor',
  action: 'action',
  entityType: 'entity_type',
  entityId: 'entity_id',
} as const;

/** Reads the audit log for admins, newest first, and deletes what is past its retention. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new BadRequestException('limit must be an integer from 1 to 500');
    }
    const params: unknown[] = [];
    const where: string[] = [];
    for (const key of Object.keys(EXACT) as (keyof typeof EXACT)[]) {
      const value = query[key];
      if (value === undefined) continue;
      params.push(value);
      where.push(`"${EXACT[key]}" = $${params.length}`);
    }
    // Passed as the instant JavaScript read, so the database reads the same one.
    if (query.from !== undefined) {
      params.push(new Date(query.from).toISOString());
      where.push(`"at" >= $${params.length}::timestamptz`);
    }
    if (query.to !== undefined) {
      params.push(new Date(query.to).toISOString());
      where.push(`"at" < $${params.length}::timestamptz`);
    }
    if (query.before !== undefined) {
      const id = decodeAuditCursor(query.before);
      if (!id) throw new BadRequestException('before must be a nextCursor from a listing');
      params.push(id);
      where.push(`"id" < $${params.length}::bigint`);
    }
    params.push(limit);
    const rows: Row[] = await this.dataSource.query(
      `SELECT "id", "at", "actor", "action", "entity_type", "entity_id", "details"
         FROM "${AUDIT_LOG_TABLE}" ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY "id" DESC LIMIT $${params.length}`,
      params,
    );
    const last = rows.at(-1);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        details: r.details,
      })),
      nextCursor: last && rows.length === limit ? encodeAuditCursor(last.id) : null,
    };
  }

  /** Deletes up to `chunk` rows older than `retentionMs`; returns how many. */
  async deleteOlderThan(retentionMs: number, chunk: number): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM "${AUDIT_LOG_TABLE}" WHERE ctid IN (
         SELECT ctid FROM "${AUDIT_LOG_TABLE}"
          WHERE "at" < now() - ($1::bigint * interval '1 millisecond') LIMIT $2)`,
      [retentionMs, chunk],
    );
    return count;
  }
}
