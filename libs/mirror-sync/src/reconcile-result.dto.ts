import { ApiProperty } from '@nestjs/swagger';
import type { ReconcileResult } from './mirror-sync.types';

export class ReconcileResultDto implements ReconcileResult {
  @ApiProperty({ description: "entries vouched for: the owner's count over every range compared" })
  checked!: number;
  @ApiProperty({ description: 'entries the mirror lacked' })
  missing!: number;
  @ApiProperty({
    description: 'entries at an older version, or at the same one with another status',
  })
  stale!: number;
  @ApiProperty({ description: "entries ahead of the owner's version, set back to it" })
  ahead!: number;
  @ApiProperty({ description: 'entries the owner never had' })
  orphaned!: number;
  @ApiProperty({ description: 'entries repaired' })
  repaired!: number;
  @ApiProperty({ description: 'ranges whose digests were compared' })
  ranges!: number;
  @ApiProperty({ description: 'snapshot pages and lookups read from the owner' })
  pages!: number;
  @ApiProperty()
  durationMs!: number;
}
