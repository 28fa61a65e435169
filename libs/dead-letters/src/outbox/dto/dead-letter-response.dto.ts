import { ApiProperty } from '@nestjs/swagger';
import type { AttemptLogEntry } from '@app/relay';
import type {
  DeadLetter,
  DeadLetterActionResult,
  DeadLetterPage,
  DeadLetterSummary,
} from '../outbox-dead-letters.types';

export class OutboxAttemptLogEntryDto implements AttemptLogEntry {
  @ApiProperty({ example: '2025-06-01T10:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'unroutable: product.created (NO_ROUTE)' }) error!: string;
}

export class OutboxDeadLetterSummaryDto implements DeadLetterSummary {
  @ApiProperty({ example: '42', description: 'outbox row id (bigint as a string)' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'AMQP messageId; a requeue keeps it' })
  eventId!: string;
  @ApiProperty({ example: 'product.created' }) eventType!: string;
  @ApiProperty({ example: 'product.events' }) exchange!: string;
  @ApiProperty({ example: 'product.created' }) routingKey!: string;
  @ApiProperty({ example: 'product' }) aggregateType!: string;
  @ApiProperty() aggregateId!: string;
  @ApiProperty() aggregateVersion!: number;
  @ApiProperty({ description: 'attempts since the last requeue' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() deadLetteredAt!: string;
}

export class OutboxDeadLetterDto extends OutboxDeadLetterSummaryDto implements DeadLetter {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the CloudEvent' })
  payload!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  headers!: Record<string, string>;
  @ApiProperty({ type: [OutboxAttemptLogEntryDto], description: 'newest last, at most 20' })
  attemptLog!: OutboxAttemptLogEntryDto[];
}

export class OutboxDeadLetterPageDto implements DeadLetterPage {
  @ApiProperty({ type: [OutboxDeadLetterSummaryDto] }) items!: OutboxDeadLetterSummaryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `before`; null at the end' })
  nextCursor!: string | null;
}

export class OutboxDeadLetterActionResponseDto implements DeadLetterActionResult {
  @ApiProperty({ description: 'rows changed' }) count!: number;
  @ApiProperty({ type: [String], description: 'ids changed; others were not live dead letters' })
  ids!: string[];
}
