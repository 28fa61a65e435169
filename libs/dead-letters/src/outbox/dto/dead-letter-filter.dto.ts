import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { DeadLetterFilter } from '../outbox-dead-letters.types';

/** Narrows dead letters by topic and aggregate; fields combine with AND. */
export class OutboxDeadLetterFilterDto implements DeadLetterFilter {
  @ApiPropertyOptional({ example: 'product.created', description: 'event type = routing key' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  eventType?: string;

  @ApiPropertyOptional({ example: 'product' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  aggregateType?: string;

  @ApiPropertyOptional({ example: '6f1c2a0e-3b1d-4c55-9d8e-0a1b2c3d4e5f' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  aggregateId?: string;
}
