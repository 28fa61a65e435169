import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class DecommissionProductDto {
  @ApiProperty({ example: 'supplier discontinued it' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class RecommissionProductDto {
  @ApiPropertyOptional({ example: 'supplier is back' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class PurgeProductDto {
  @ApiProperty({ example: 'erasure request #4711' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
