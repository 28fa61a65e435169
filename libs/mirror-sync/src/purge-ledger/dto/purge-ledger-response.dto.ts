import { ApiProperty } from '@nestjs/swagger';
import type { PurgeLedgerEntry, PurgeReceiptRecord } from '../purge-ledger.types';

export class PurgeReceiptDto implements PurgeReceiptRecord {
  @ApiProperty({ example: 'catalog' }) mirror!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'when the mirror committed the erasure' }) appliedAt!: string;
  @ApiProperty({ description: 'when the owner recorded the receipt' }) receivedAt!: string;
}

export class PurgeLedgerEntryDto implements PurgeLedgerEntry {
  @ApiProperty({ example: 'product' }) aggregateType!: string;
  @ApiProperty() aggregateId!: string;
  @ApiProperty({ description: "the tombstone's version" }) version!: number;
  @ApiProperty() purgedAt!: string;
  @ApiProperty({ type: [String], description: 'mirrors expected to confirm, at purge time' })
  expected!: string[];
  @ApiProperty({ type: [PurgeReceiptDto] }) receipts!: PurgeReceiptDto[];
  @ApiProperty({ type: [String], description: 'expected mirrors without a receipt yet' })
  missing!: string[];
  @ApiProperty() complete!: boolean;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
}

export class PurgeLedgerPageDto {
  @ApiProperty({ type: [PurgeLedgerEntryDto] }) items!: PurgeLedgerEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page' })
  nextCursor!: string | null;
}
