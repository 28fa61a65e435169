import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Outbox row ids are bigint, carried as decimal strings so no precision is lost in JSON. */
export const DEAD_LETTER_ID_PATTERN = /^[1-9][0-9]{0,17}$/;
export const DEAD_LETTER_ID_MESSAGE = 'must be an outbox row id (a positive integer, as a string)';

/** The `:id` path parameter. */
export class OutboxDeadLetterIdParam {
  @ApiProperty({ example: '42' })
  @Matches(DEAD_LETTER_ID_PATTERN, { message: `id ${DEAD_LETTER_ID_MESSAGE}` })
  id!: string;
}
