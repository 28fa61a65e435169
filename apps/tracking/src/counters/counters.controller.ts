import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Cacheable } from '@app/http-caching';
import { CountersService } from './counters.service';
import { ProductCountersResponseDto } from './dto/product-counters-response.dto';

@ApiTags('tracking')
@Controller('tracking/products')
export class CountersController {
  constructor(private readonly counters: CountersService) {}

  @Get(':productId')
  @Cacheable<ProductCountersResponseDto>('counters', (body) =>
    ProductCountersResponseDto.versions(body),
  )
  @ApiOperation({ summary: 'how often the product was added to and removed from carts' })
  @ApiOkResponse({
    type: ProductCountersResponseDto,
    description: '0 and 0 for a product no cart event mentioned',
  })
  @ApiBadRequestResponse({ description: 'productId is not a UUID' })
  async get(
    @Param('productId', ParseUUIDPipe) productId: string,
  ): Promise<ProductCountersResponseDto> {
    return ProductCountersResponseDto.from(await this.counters.forProduct(productId));
  }
}
