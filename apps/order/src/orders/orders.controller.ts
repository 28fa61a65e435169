import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Customer, CustomerCaller, CustomerOnly } from '@app/auth';
import { Cacheable } from '@app/http-caching';
import { CancelOrderDto, PlaceOrderDto } from './dto/place-order.dto';
import { OrderResponseDto } from './dto/order-response.dto';
import { OrdersService } from './orders.service';

/**
 * Customer-facing: behind a gateway (the default) the customer named is trusted; in customer
 * token mode an order is placed, read and cancelled only with its customer's token.
 */
@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @CustomerOnly({ body: 'customerId' })
  @ApiCreatedResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: 'a product is decommissioned' })
  @ApiUnprocessableEntityResponse({ description: 'a product is unknown' })
  async place(@Body() dto: PlaceOrderDto): Promise<OrderResponseDto> {
    return OrderResponseDto.from(await this.orders.place(dto));
  }

  @Get(':id')
  @CustomerOnly()
  @Cacheable<OrderResponseDto>('order', (body) => body)
  @ApiOkResponse({ type: OrderResponseDto, description: 'the order exactly as placed' })
  @ApiNotFoundResponse()
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @Customer() customer: CustomerCaller,
  ): Promise<OrderResponseDto> {
    const order = await this.orders.get(id);
    customer.assertActsFor(order.customerId);
    return OrderResponseDto.from(order);
  }

  @Post(':id/cancel')
  @CustomerOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderResponseDto })
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CancelOrderDto,
    @Customer() customer: CustomerCaller,
  ): Promise<OrderResponseDto> {
    const order = await this.orders.cancel(id, customer, dto.reason);
    return OrderResponseDto.from(order);
  }
}
