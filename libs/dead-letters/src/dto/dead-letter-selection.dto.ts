import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { DeadLetterSelector } from '../dead-letter.types';
import { DeadLetterFilterDto } from './dead-letter-filter.dto';
import { DEAD_LETTER_ID_MESSAGE, DEAD_LETTER_ID_PATTERN } from './dead-letter-id.param';
import { NoNul } from './stored-text';

/** Which parked dead letters an action takes: exactly one of `ids`, `filter`, `all: true`. */
export class DeadLetterSelectionDto {
  @ApiPropertyOptional({ type: [String], example: ['42', '43'], minItems: 1, maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(DEAD_LETTER_ID_PATTERN, { each: true, message: `each of ids ${DEAD_LETTER_ID_MESSAGE}` })
  ids?: string[];

  @ApiPropertyOptional({ type: DeadLetterFilterDto, description: 'at least one field' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeadLetterFilterDto)
  filter?: DeadLetterFilterDto;

  @ApiPropertyOptional({ enum: [true], description: 'every parked dead letter' })
  @IsOptional()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;

  /** The one selector given; a 400 for none, several, or an empty filter. */
  toSelector(): DeadLetterSelector {
    // null counts as not given: `{ "ids": null }` must not fall through to "all".
    const given = (['ids', 'filter', 'all'] as const).filter(
      (k) => this[k] !== undefined && this[k] !== null,
    );
    if (given.length !== 1) {
      throw new BadRequestException(
        `give exactly one of "ids", "filter" or "all": true (got ${given.length ? given.join(', ') : 'none'})`,
      );
    }
    if (this.ids) return { ids: this.ids };
    if (this.filter) {
      const { destination, eventType, subject } = this.filter;
      if (destination === undefined && eventType === undefined && subject === undefined) {
        // An empty filter would silently mean "all"; that must be asked for explicitly.
        throw new BadRequestException(
          'filter needs destination, eventType or subject; use "all": true for everything',
        );
      }
      return { filter: { destination, eventType, subject } };
    }
    return { all: true };
  }
}

/** `POST …/requeue`: send the selected parked letters back; each keeps its message id. */
export class RequeueDeadLettersDto extends DeadLetterSelectionDto {}

/** `POST …/discard`: give up on the selected parked letters for good, with a reason. */
export class DiscardDeadLettersDto extends DeadLetterSelectionDto {
  @ApiProperty({ example: 'test event published by mistake' })
  @IsString()
  @Length(1, 500)
  @NoNul()
  reason!: string;
}
