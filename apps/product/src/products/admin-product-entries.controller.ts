import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallingMirror, MIRROR_ROLE, RequireRoles } from '@app/auth';
import { DigestsQuery } from './dto/digests.query';
import { ProductSnapshotPageDto, RangeDigestsDto } from './dto/product-entries-response.dto';
import { SnapshotQuery } from './dto/snapshot.query';
import { ProductEntries } from './product-entries.service';

/** What mirrors read to seed and reconcile themselves: admins and services with role `mirror`. */
@ApiTags('admin')
@RequireRoles('admin', MIRROR_ROLE)
@Controller('admin/products')
export class AdminProductEntriesController {
  constructor(private readonly entries: ProductEntries) {}

  @Get('snapshot')
  @Header('Cache-Control', 'no-store')
  // The body comes rendered from the database (ProductEntries), sent as it is.
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: 'products and tombstones in id order, a page or the given ids',
    description:
      'Read with a mirror token, each tombstone says whether the purge ledger still waits for that mirror’s receipt (`receiptAwaited`).',
  })
  @ApiOkResponse({ type: ProductSnapshotPageDto })
  @ApiBadRequestResponse({ description: 'ids combined with after, limit or prefix' })
  async snapshot(
    @Query() query: SnapshotQuery,
    @CallingMirror() mirror: string | undefined,
  ): Promise<string> {
    if (query.ids) return this.entries.lookupJson(query.ids, mirror);
    return this.entries.pageJson(
      { after: query.after, limit: query.limit ?? 500, prefix: query.prefix },
      mirror,
    );
  }

  @Get('digests')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'count and hash of the 16 children of each id range given' })
  @ApiOkResponse({ type: RangeDigestsDto })
  async digests(@Query() query: DigestsQuery): Promise<RangeDigestsDto> {
    return { ranges: await this.entries.digests(query.prefixes ?? ['']) };
  }
}
