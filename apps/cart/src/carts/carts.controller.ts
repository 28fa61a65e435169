import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CustomerOnly } from '@app/auth';
import { Cacheable } from '@app/http-caching';
import { CartResponseDto } from './dto/cart-response.dto';
import { PutCartItemDto } from './dto/put-cart-item.dto';
import { CustomerIdPipe } from './customer-id.pipe';
import { CartsService } from './carts.service';

/**
 * Customer-facing: behind a gateway (the default) the path's customer is trusted; in customer
 * token mode only that customer's token may read or change the cart.
 */
@ApiTags('carts')
@Controller('carts/:customerId')
@CustomerOnly({ param: 'customerId' })
export class CartsController {
  constructor(private readonly carts: CartsService) {}

  @Get()
  @Cacheable<CartResponseDto>('cart', (body) => [
    { id: body.customerId, version: body.version },
    ...body.lines.map((l) => ({ id: l.productId, version: l.productVersion })),
  ])
  @ApiOkResponse({ type: CartResponseDto })
  async get(@Param('customerId', CustomerIdPipe) customerId: string): Promise<CartResponseDto> {
    return this.carts.view(customerId);
  }

  @Put('items/:productId')
  @ApiOkResponse({ type: CartResponseDto })
  @ApiConflictResponse({ description: 'the product is decommissioned' })
  @ApiUnprocessableEntityResponse({ description: 'the product is unknown' })
  @ApiServiceUnavailableResponse({
    description: 'the product service is away and no usable cached copy exists',
  })
  async put(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Param('productId', ParseUUIDPipe) productId: string,
    @Body() dto: PutCartItemDto,
  ): Promise<CartResponseDto> {
    return this.carts.put(customerId, productId, dto.quantity);
  }

  @Delete('items/:productId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'removed (or was not in the cart)' })
  async remove(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Param('productId', ParseUUIDPipe) productId: string,
  ): Promise<void> {
    await this.carts.remove(customerId, productId);
  }
}
