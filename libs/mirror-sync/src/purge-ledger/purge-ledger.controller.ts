import { Controller, Get, Header, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '@app/auth';
import { ListPurgesQuery } from './dto/list-purges.query';
import { PurgeIdParam } from './dto/purge-id.param';
import { PurgeLedgerEntryDto, PurgeLedgerPageDto } from './dto/purge-ledger-response.dto';
import { PURGE_LEDGER_OPTIONS, type PurgeLedgerModuleOptions } from './purge-ledger.options';
import { PurgeLedger } from './purge-ledger.service';

/** The purge ledger of this service's aggregate type, for operators and auditors. */
@ApiTags('purges')
@AdminOnly()
@Controller('admin/purges')
export class PurgeLedgerController {
  constructor(
    private readonly ledger: PurgeLedger,
    @Inject(PURGE_LEDGER_OPTIONS) private readonly options: PurgeLedgerModuleOptions,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'purges in id order, with their receipts; ?complete=false: waiting' })
  @ApiOkResponse({ type: PurgeLedgerPageDto })
  async list(@Query() query: ListPurgesQuery): Promise<PurgeLedgerPageDto> {
    return this.ledger.list({
      aggregateType: this.options.aggregateType,
      complete: query.complete,
      after: query.after,
      limit: query.limit ?? 100,
    });
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'one purge: the mirrors expected, the receipt of each, complete' })
  @ApiOkResponse({ type: PurgeLedgerEntryDto })
  @ApiNotFoundResponse({ description: 'no purge of this id in the ledger' })
  @ApiBadRequestResponse({ description: 'an id that is no aggregate id (empty, too long, a NUL)' })
  async find(@Param() { id }: PurgeIdParam): Promise<PurgeLedgerEntryDto> {
    const entry = await this.ledger.find(this.options.aggregateType, id);
    if (!entry) throw new NotFoundException(`no purge of ${this.options.aggregateType} ${id}`);
    return entry;
  }
}
