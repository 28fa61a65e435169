import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  Equals,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  Min,
  ValidateNested,
} from 'class-validator';
import type { DeadLetterSelector } from '@app/inbox';
import { DeadLetterFilterDto } from './dead-letter-filter.dto';

/** Exactly one of `ids`, `filter` or `all: true`. */
export class RequeueDeadLettersDto {
  @ApiPropertyOptional({ type: [Number], example: [17, 18] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids?: number[];

  @ApiPropertyOptional({ type: DeadLetterFilterDto, description: 'every parked letter matching' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeadLetterFilterDto)
  filter?: DeadLetterFilterDto;

  @ApiPropertyOptional({ enum: [true], description: 'every parked letter' })
  @IsOptional()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;

  /** The selection this body asks for; 400 unless exactly one kind is given. */
  static selector(dto: RequeueDeadLettersDto): DeadLetterSelector {
    const given = (['ids', 'filter', 'all'] as const).filter((k) => dto[k] !== undefined);
    if (given.length !== 1) {
      throw new BadRequestException(
        `give exactly one of "ids", "filter" or "all": true (got ${given.length ? given.join(', ') : 'none'})`,
      );
    }
    if (dto.ids) return { ids: dto.ids };
    if (dto.filter) {
      const { queue, eventType, subject } = dto.filter;
      if (queue === undefined && eventType === undefined && subject === undefined) {
        // An empty filter would silently mean "all"; that must be asked for explicitly.
        throw new BadRequestException('filter needs at least one of queue, eventType, subject');
      }
      return { filter: { queue, eventType, subject } };
    }
    return { all: true };
  }
}

export class RequeueFailureDto {
  @ApiProperty() id!: number;
  @ApiProperty() error!: string;
}

export class RequeueResultDto {
  @ApiProperty({ description: 'sent back to their queue and marked requeued' }) requeued!: number;
  @ApiProperty({ description: 'the broker did not take them; still parked' }) failed!: number;
  @ApiProperty({ description: 'requested ids that are unknown or not parked' }) skipped!: number;
  @ApiProperty({ type: [RequeueFailureDto] }) failures!: RequeueFailureDto[];
}
