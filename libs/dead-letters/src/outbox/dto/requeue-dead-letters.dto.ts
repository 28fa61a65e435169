import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { RequeueSelector } from '../outbox-dead-letters.types';
import { DEAD_LETTER_ID_MESSAGE, DEAD_LETTER_ID_PATTERN } from './dead-letter-id.param';
import { OutboxDeadLetterFilterDto } from './dead-letter-filter.dto';

/** `POST /admin/outbox/dead-letters/requeue`: exactly one of `ids`, `filter`, `all: true`. */
export class OutboxRequeueDeadLettersDto {
  @ApiPropertyOptional({ type: [String], example: ['42', '43'], maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(DEAD_LETTER_ID_PATTERN, { each: true, message: `each of ids ${DEAD_LETTER_ID_MESSAGE}` })
  ids?: string[];

  @ApiPropertyOptional({ type: OutboxDeadLetterFilterDto, description: 'at least one field' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutboxDeadLetterFilterDto)
  filter?: OutboxDeadLetterFilterDto;

  @ApiPropertyOptional({ enum: [true], description: 'requeue every dead letter' })
  @IsOptional()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;

  /** The one selector given; a 400 for none, several, or an empty filter. */
  toSelector(): RequeueSelector {
    const given = [this.ids, this.filter, this.all].filter((v) => v !== undefined && v !== null);
    if (given.length !== 1) {
      throw new BadRequestException('give exactly one of "ids", "filter" or "all": true');
    }
    if (this.ids) return { ids: this.ids };
    if (this.filter) {
      const { eventType, aggregateType, aggregateId } = this.filter;
      if (eventType === undefined && aggregateType === undefined && aggregateId === undefined) {
        throw new BadRequestException(
          'filter needs eventType, aggregateType or aggregateId; use "all": true for everything',
        );
      }
      return { filter: { eventType, aggregateType, aggregateId } };
    }
    return { all: true };
  }
}
