import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminOnly } from '@app/auth';
import {
  DecommissionProductDto,
  PurgeProductDto,
  RecommissionProductDto,
} from './dto/lifecycle-change.dto';
import { ProductResponseDto } from './dto/product-response.dto';
import { ProductLifecycleService } from './product-lifecycle.service';

@ApiTags('admin')
@AdminOnly()
@ApiGoneResponse({ description: 'the product was purged' })
@Controller('admin/products')
export class AdminProductsController {
  constructor(private readonly lifecycle: ProductLifecycleService) {}

  @Post(':id/decommission')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductResponseDto, description: 'decommissioned (again: unchanged)' })
  async decommission(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecommissionProductDto,
    @Actor() actor: string,
  ): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.lifecycle.decommission(id, dto.reason, actor));
  }

  @Post(':id/recommission')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductResponseDto, description: 'active (again: unchanged)' })
  @ApiConflictResponse({ description: 'another active product took its SKU meanwhile' })
  async recommission(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecommissionProductDto,
    @Actor() actor: string,
  ): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.lifecycle.recommission(id, actor, dto.reason));
  }

  @Post(':id/purge')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'erased here, and in every mirror through product.purged' })
  @ApiConflictResponse({ description: 'the product is not decommissioned' })
  async purge(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PurgeProductDto,
    @Actor() actor: string,
  ): Promise<void> {
    await this.lifecycle.purge(id, dto.reason, actor);
  }
}
