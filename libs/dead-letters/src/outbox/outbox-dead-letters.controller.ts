import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminOnly } from '@app/auth';
import { OutboxDeadLetterIdParam } from './dto/dead-letter-id.param';
import { OutboxDeadLetterQueryDto } from './dto/dead-letter-query.dto';
import {
  OutboxDeadLetterActionResponseDto,
  OutboxDeadLetterDto,
  OutboxDeadLetterPageDto,
} from './dto/dead-letter-response.dto';
import { OutboxDiscardDeadLettersDto } from './dto/discard-dead-letters.dto';
import { OutboxRequeueDeadLettersDto } from './dto/requeue-dead-letters.dto';
import { OutboxDeadLettersService } from './outbox-dead-letters.service';

/** Operator tooling for outbox rows the relay could not publish. */
@ApiTags('admin')
@AdminOnly()
@ApiBadRequestResponse({ description: 'invalid input; the message names what is wrong' })
@Controller('admin/outbox/dead-letters')
export class OutboxDeadLettersController {
  constructor(private readonly deadLetters: OutboxDeadLettersService) {}

  @Get()
  @ApiOperation({ summary: 'List dead letters, newest first, by topic and aggregate' })
  @ApiOkResponse({ type: OutboxDeadLetterPageDto })
  list(@Query() query: OutboxDeadLetterQueryDto): Promise<OutboxDeadLetterPageDto> {
    return this.deadLetters.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Inspect a dead letter: payload, headers, attempts and errors' })
  @ApiOkResponse({ type: OutboxDeadLetterDto })
  @ApiNotFoundResponse({ description: 'no such row, or it is not a (live) dead letter' })
  async inspect(@Param() { id }: OutboxDeadLetterIdParam): Promise<OutboxDeadLetterDto> {
    const deadLetter = await this.deadLetters.inspect(id);
    if (!deadLetter) throw new NotFoundException(`outbox message ${id} is not a dead letter`);
    return deadLetter;
  }

  @Post('requeue')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Requeue dead letters by ids, filter or all; each keeps its message id',
  })
  @ApiOkResponse({ type: OutboxDeadLetterActionResponseDto })
  requeue(
    @Body() dto: OutboxRequeueDeadLettersDto,
    @Actor() actor: string,
  ): Promise<OutboxDeadLetterActionResponseDto> {
    return this.deadLetters.requeue(dto.toSelector(), actor);
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard dead letters: kept for the record, never published' })
  @ApiOkResponse({ type: OutboxDeadLetterActionResponseDto })
  discard(
    @Body() dto: OutboxDiscardDeadLettersDto,
    @Actor() actor: string,
  ): Promise<OutboxDeadLetterActionResponseDto> {
    return this.deadLetters.discard(dto.ids, actor, dto.reason);
  }
}
