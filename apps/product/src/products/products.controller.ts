import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Cacheable, entityTag, ifMatchHolds } from '@app/http-caching';
import { Actor, AdminOnly } from '@app/auth';
import { CreateProductDto } from './dto/create-product.dto';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductListResponseDto, ProductResponseDto } from './dto/product-response.dto';
import { UpdateProductDto } from './dto/update-product.dto';
import { ProductVersionPrecheck } from './product-version.precheck';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: ProductResponseDto })
  @ApiConflictResponse({ description: 'an active product already has this SKU' })
  async create(@Body() dto: CreateProductDto, @Actor() actor: string): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.create(dto, actor));
  }

  @Get()
  @Cacheable<ProductListResponseDto>('product-list', (body) => body.items)
  @ApiOkResponse({ type: ProductListResponseDto, description: 'unknown and purged ids left out' })
  async list(@Query() query: ListProductsQuery): Promise<ProductListResponseDto> {
    const items = await this.products.list(query);
    return { items: items.map((p) => ProductResponseDto.from(p)) };
  }

  @Get(':id')
  @Cacheable<ProductResponseDto>('product', (body) => body, { precheck: ProductVersionPrecheck })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiNotFoundResponse({ description: 'no product ever had this id' })
  @ApiGoneResponse({ description: 'the product was purged' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.get(id));
  }

  @Patch(':id')
  @AdminOnly()
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag the change is based on' })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiConflictResponse({ description: 'the product is decommissioned' })
  @ApiPreconditionFailedResponse({ description: 'If-Match names a stale version' })
  @ApiGoneResponse({ description: 'the product was purged' })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProductDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Actor() actor: string,
  ): Promise<ProductResponseDto> {
    const product = await this.products.update(id, dto, actor, (current) =>
      ifMatchHolds(ifMatch, entityTag(current)),
    );
    return ProductResponseDto.from(product);
  }
}
