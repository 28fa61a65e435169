import { ApiProperty } from '@nestjs/swagger';
import type { AuditPage, AuditRecord } from '../audit-log.service';

export class AuditRecordDto implements AuditRecord {
  @ApiProperty({ example: '42', description: 'row id (bigint as a string)' }) id!: string;
  @ApiProperty({ example: '2025-06-01T10:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'test-admin' }) actor!: string;
  @ApiProperty({ example: 'product.decommissioned' }) action!: string;
  @ApiProperty({ example: 'product' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditRecordDto], description: 'newest first' }) items!: AuditRecordDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `before`; null at the end' })
  nextCursor!: string | null;
}
