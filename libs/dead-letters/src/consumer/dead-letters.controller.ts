import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminOnly } from '@app/auth';
import { DeadLettersService } from './dead-letters.service';
import {
  DeadLetterDetailResponseDto,
  DeadLetterListResponseDto,
  DeadLetterResponseDto,
} from './dto/dead-letter-response.dto';
import { DiscardDeadLettersDto, DiscardResultDto } from './dto/discard-dead-letters.dto';
import { ListDeadLettersQuery } from './dto/list-dead-letters.query';
import { RequeueDeadLettersDto, RequeueResultDto } from './dto/requeue-dead-letters.dto';

/** Consumer dead letters parked in this service's database, for operators. */
@ApiTags('dead-letters')
@AdminOnly()
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiOperation({ summary: 'list dead letters, newest first (parked unless status says else)' })
  @ApiOkResponse({ type: DeadLetterListResponseDto })
  async list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterListResponseDto> {
    const items = await this.deadLetters.list(query);
    return { items: items.map((d) => DeadLetterResponseDto.from(d)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'one dead letter with its headers and body' })
  @ApiOkResponse({ type: DeadLetterDetailResponseDto })
  @ApiNotFoundResponse({ description: 'no dead letter with this id' })
  async inspect(@Param('id', ParseIntPipe) id: number): Promise<DeadLetterDetailResponseDto> {
    return DeadLetterDetailResponseDto.fromInspection(await this.deadLetters.inspect(id));
  }

  @Post('requeue')
  @HttpCode(200)
  @ApiOperation({
    summary: 'send parked letters back to their queue, same message id (ids, filter or all)',
  })
  @ApiOkResponse({ type: RequeueResultDto })
  @ApiBadRequestResponse({ description: 'not exactly one of ids, filter, all' })
  @ApiServiceUnavailableResponse({ description: 'the broker is not reachable' })
  async requeue(
    @Body() dto: RequeueDeadLettersDto,
    @Actor() actor: string,
  ): Promise<RequeueResultDto> {
    return this.deadLetters.requeue(RequeueDeadLettersDto.selector(dto), actor);
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'give up on parked letters, with a reason' })
  @ApiOkResponse({ type: DiscardResultDto })
  async discard(
    @Body() dto: DiscardDeadLettersDto,
    @Actor() actor: string,
  ): Promise<DiscardResultDto> {
    return this.deadLetters.discard(dto.ids, actor, dto.reason);
  }
}
