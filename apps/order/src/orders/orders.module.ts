import { Module } from '@nestjs/common';
import { ProductMirrorModule } from '@app/product-mirror';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [ProductMirrorModule.forRoot({ consumer: 'order' })],
  controllers: [OrdersController],
  providers: [OrdersService],
})
export class OrdersModule {}
