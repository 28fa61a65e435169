import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RangeDigest, SnapshotEntry, SnapshotPage } from '@app/mirror-sync';
import { ProductResponseDto } from './product-response.dto';

export class ProductEntryDto implements SnapshotEntry<ProductResponseDto> {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['active', 'decommissioned', 'purged'] }) status!: string;
  @ApiProperty({
    type: ProductResponseDto,
    nullable: true,
    description: 'exactly the data of the last event; null for a tombstone',
  })
  snapshot!: ProductResponseDto | null;
  @ApiPropertyOptional({
    description:
      'tombstones read with a mirror token only: whether the purge ledger still waits for that mirror’s receipt',
  })
  receiptAwaited?: boolean;
}

export class ProductSnapshotPageDto implements SnapshotPage<ProductResponseDto> {
  @ApiProperty({ type: [ProductEntryDto] }) items!: ProductEntryDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the last id of a full page (pass as `after`), else null',
  })
  nextCursor!: string | null;
}

export class RangeDigestDto implements RangeDigest {
  @ApiProperty({ example: 'a7' }) prefix!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ example: '0f3a9c2e11d4b7a0', description: 'XOR of the entries’ hashes' })
  hash!: string;
}

export class RangeDigestsDto {
  @ApiProperty({ type: [RangeDigestDto] }) ranges!: RangeDigestDto[];
}
