import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { Actor } from '@app/auth';
import type { DeadLetterSource } from './dead-letter.types';
import { DeadLetterIdParam } from './dto/dead-letter-id.param';
import { DeadLetterQueryDto } from './dto/dead-letter-query.dto';
import {
  DeadLetterActionResultDto,
  DeadLetterDto,
  DeadLetterPageDto,
} from './dto/dead-letter-response.dto';
import { DiscardDeadLettersDto, RequeueDeadLettersDto } from './dto/dead-letter-selection.dto';

/**
 * The four dead-letter routes, written once: each kind's controller extends this under its
 * own path, so both answer the same queries with the same shapes.
 */
export abstract class DeadLetterRoutes {
  protected constructor(private readonly source: DeadLetterSource) {}

  @Get()
  @ApiOperation({ summary: 'list dead letters, newest first (parked unless status says else)' })
  @ApiOkResponse({ type: DeadLetterPageDto })
  @ApiBadRequestResponse({ description: 'invalid input; the message names what is wrong' })
  list(@Query() query: DeadLetterQueryDto): Promise<DeadLetterPageDto> {
    return this.source.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'one dead letter with its headers, body and attempts' })
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiNotFoundResponse({ description: 'no dead letter with this id' })
  inspect(@Param() { id }: DeadLetterIdParam): Promise<DeadLetterDto> {
    return this.source.inspect(id);
  }

  @Post('requeue')
  @HttpCode(200)
  @ApiOperation({ summary: 'send parked letters back (ids, filter or all); message ids kept' })
  @ApiOkResponse({ type: DeadLetterActionResultDto })
  @ApiBadRequestResponse({ description: 'not exactly one of ids, filter, all' })
  @ApiServiceUnavailableResponse({ description: 'the broker is not reachable' })
  requeue(
    @Body() dto: RequeueDeadLettersDto,
    @Actor() actor: string,
  ): Promise<DeadLetterActionResultDto> {
    return this.source.requeue(dto.toSelector(), actor);
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'give up on parked letters (ids, filter or all), with a reason' })
  @ApiOkResponse({ type: DeadLetterActionResultDto })
  @ApiBadRequestResponse({ description: 'not exactly one of ids, filter, all; no reason' })
  discard(
    @Body() dto: DiscardDeadLettersDto,
    @Actor() actor: string,
  ): Promise<DeadLetterActionResultDto> {
    return this.source.discard(dto.toSelector(), actor, dto.reason);
  }
}
