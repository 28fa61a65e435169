import { ApiProperty } from '@nestjs/swagger';
import {
  DEAD_LETTER_STATUSES,
  type DeadLetterActionResult,
  type DeadLetterAttempt,
  type DeadLetterFailure,
  type DeadLetterKind,
  type DeadLetterPage,
  type DeadLetterStatus,
  type DeadLetterSummary,
  type DeadLetterView,
} from '../dead-letter.types';

const nullableString = { nullable: true, type: String } as const;

export class DeadLetterSummaryDto implements DeadLetterSummary {
  @ApiProperty({ example: '42', description: 'row id (bigint as a string)' }) id!: string;
  @ApiProperty({ enum: ['consumer', 'outbox'] }) kind!: DeadLetterKind;
  @ApiProperty({ enum: DEAD_LETTER_STATUSES }) status!: DeadLetterStatus;
  @ApiProperty({
    example: 'catalog.product',
    description: 'the consumer queue, or the exchange of an outbox row; where a requeue sends it',
  })
  destination!: string;
  @ApiProperty({ ...nullableString, description: 'the message id; a requeue keeps it' })
  messageId!: string | null;
  @ApiProperty(nullableString) eventType!: string | null;
  @ApiProperty({ ...nullableString, description: 'aggregate id (CloudEvent subject)' })
  subject!: string | null;
  @ApiProperty({ description: 'why it became a dead letter' }) reason!: string;
  @ApiProperty({ description: 'failed attempts before it became a dead letter' })
  attempts!: number;
  @ApiProperty({ example: '2025-06-01T10:00:00.000Z' }) deadLetteredAt!: string;
  @ApiProperty(nullableString) resolvedAt!: string | null;
  @ApiProperty(nullableString) resolvedBy!: string | null;
  @ApiProperty({ ...nullableString, description: 'the reason given for a discard' })
  resolutionNote!: string | null;
}

export class DeadLetterAttemptDto implements DeadLetterAttempt {
  @ApiProperty({ example: '2025-06-01T10:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'unroutable: product.created (NO_ROUTE)' }) error!: string;
}

export class DeadLetterDto extends DeadLetterSummaryDto implements DeadLetterView {
  @ApiProperty(nullableString) contentType!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) headers!: Record<string, unknown>;
  @ApiProperty({ description: 'the body as UTF-8 text' }) body!: string;
  @ApiProperty({ description: 'the exact body bytes, base64' }) bodyBase64!: string;
  @ApiProperty({ description: 'the body parsed, when it is JSON; otherwise null' })
  payload!: unknown;
  @ApiProperty({ type: [DeadLetterAttemptDto], description: 'oldest first' })
  attemptLog!: DeadLetterAttemptDto[];
}

export class DeadLetterPageDto implements DeadLetterPage {
  @ApiProperty({ type: [DeadLetterSummaryDto], description: 'newest first' })
  items!: DeadLetterSummaryDto[];
  @ApiProperty({ ...nullableString, description: 'pass as `before`; null on the last page' })
  nextCursor!: string | null;
}

export class DeadLetterFailureDto implements DeadLetterFailure {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 'not confirmed within 10000 ms' }) error!: string;
}

export class DeadLetterActionResultDto implements DeadLetterActionResult {
  @ApiProperty({ description: 'letters changed' }) count!: number;
  @ApiProperty({ type: [String], description: 'ids of the letters changed' }) ids!: string[];
  @ApiProperty({ type: [String], description: 'requested ids that are unknown or not parked' })
  skipped!: string[];
  @ApiProperty({ type: [DeadLetterFailureDto], description: 'not taken by the broker; parked' })
  failures!: DeadLetterFailureDto[];
}
