import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEAD_LETTER_STATUSES, type DeadLetterStatus, type DeadLetterSummary } from '@app/inbox';
import type { DeadLetterInspection } from '../dead-letters.service';

export class DeadLetterResponseDto {
  @ApiProperty() id!: number;
  @ApiProperty({ example: 'catalog.product', description: 'the queue it failed in' })
  queue!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) messageId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) eventType!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'aggregate id' })
  subject!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'retries (x-retry-count) or broker deliveries' }) attempts!: number;
  @ApiProperty({ enum: DEAD_LETTER_STATUSES }) status!: DeadLetterStatus;
  @ApiProperty() parkedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resolvedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resolvedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'why it was discarded' })
  resolutionNote!: string | null;

  static from(d: DeadLetterSummary): DeadLetterResponseDto {
    return {
      id: d.id,
      queue: d.queue,
      messageId: d.messageId,
      eventType: d.eventType,
      subject: d.subject,
      reason: d.reason,
      attempts: d.attempts,
      status: d.status,
      parkedAt: d.parkedAt.toISOString(),
      resolvedAt: d.resolvedAt?.toISOString() ?? null,
      resolvedBy: d.resolvedBy,
      resolutionNote: d.resolutionNote,
    };
  }
}

export class DeadLetterListResponseDto {
  @ApiProperty({ type: [DeadLetterResponseDto], description: 'newest first' })
  items!: DeadLetterResponseDto[];
}

export class DeadLetterDetailResponseDto extends DeadLetterResponseDto {
  @ApiPropertyOptional({ nullable: true, type: String }) contentType!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) headers!: Record<string, unknown>;
  @ApiProperty({ description: 'the body decoded as UTF-8' }) body!: string;
  @ApiProperty({ description: 'the exact body bytes, base64' }) bodyBase64!: string;
  @ApiPropertyOptional({ description: 'the body parsed, when it is JSON; otherwise null' })
  payload!: unknown;
  @ApiProperty({ description: 'x-last-error header, else the reason' }) lastError!: string;

  static fromInspection(i: DeadLetterInspection): DeadLetterDetailResponseDto {
    return {
      ...DeadLetterResponseDto.from(i),
      contentType: i.contentType,
      headers: i.headers,
      body: i.bodyText,
      bodyBase64: i.body.toString('base64'),
      payload: i.payload,
      lastError: i.lastError,
    };
  }
}
