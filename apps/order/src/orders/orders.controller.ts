import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Cacheable } from '@app/http-caching';
import { CancelOrderDto, PlaceOrderDto } from './dto/place-order.dto';
import { OrderResponseDto } from './dto/order-response.dto';
import { OrdersService } from './orders.service';

/** Customer-facing: no token here, a gateway authenticates customers. */
@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @ApiCreatedResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: 'a product is decommissioned' })
  @ApiUnprocessableEntityResponse({ description: 'a product is unknown' })
  async place(@Body() dto: PlaceOrderDto): Promise<OrderResponseDto> {
    return OrderResponseDto.from(await this.orders.place(dto));
  }

  @Get(':id')
  @Cacheable<OrderResponseDto>('order', (body) => body)
  @ApiOkResponse({ type: OrderResponseDto, description: 'the order exactly as placed' })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OrderResponseDto> {
    return OrderResponseDto.from(await this.orders.get(id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderResponseDto })
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CancelOrderDto,
  ): Promise<OrderResponseDto> {
    const order = await this.orders.cancel(id, dto.reason);
    return OrderResponseDto.from(order);
  }
}
