import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Cacheable } from '@app/http-caching';
import { Actor, AdminOnly } from '@app/auth';
import { CatalogsService } from './catalogs.service';
import { CreateCatalogDto } from './dto/create-catalog.dto';
import { CatalogEntryResponseDto, CatalogResponseDto } from './dto/catalog-response.dto';

@ApiTags('catalogs')
@Controller('catalogs')
export class CatalogsController {
  constructor(private readonly catalogs: CatalogsService) {}

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: CatalogResponseDto })
  async create(@Body() dto: CreateCatalogDto, @Actor() actor: string): Promise<CatalogResponseDto> {
    return CatalogResponseDto.from(await this.catalogs.create(dto, actor));
  }

  @Get(':id')
  @Cacheable<CatalogResponseDto>('catalog', (body) => [body, ...body.products])
  @ApiOkResponse({ type: CatalogResponseDto })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<CatalogResponseDto> {
    const { catalog, products } = await this.catalogs.view(id);
    return CatalogResponseDto.from(catalog, products);
  }

  @Put(':id/products/:productId')
  @AdminOnly()
  @ApiOkResponse({ type: CatalogEntryResponseDto })
  @ApiConflictResponse({ description: 'the product is decommissioned' })
  @ApiUnprocessableEntityResponse({ description: 'the product is unknown' })
  async publish(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('productId', ParseUUIDPipe) productId: string,
    @Actor() actor: string,
  ): Promise<CatalogEntryResponseDto> {
    const entry = await this.catalogs.publish(id, productId, actor);
    return {
      catalogId: entry.catalogId,
      productId: entry.productId,
      status: entry.status,
      changedAt: entry.changedAt.toISOString(),
    };
  }

  @Delete(':id/products/:productId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'withdrawn (or was not published)' })
  async withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('productId', ParseUUIDPipe) productId: string,
    @Actor() actor: string,
  ): Promise<void> {
    await this.catalogs.withdraw(id, productId, actor);
  }
}
