import { Module, type DynamicModule } from '@nestjs/common';
import { ProductMirrorModule, type ProductMirrorModuleOptions } from '@app/product-mirror';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({})
export class OrdersModule {
  /** `consumer` tunes the product-event consumer and the mirror's seeding and reconciliation. */
  static register(consumer: Omit<ProductMirrorModuleOptions, 'consumer'>): DynamicModule {
    return {
      module: OrdersModule,
      imports: [ProductMirrorModule.forRoot({ ...consumer, consumer: 'order' })],
      controllers: [OrdersController],
      providers: [OrdersService],
    };
  }
}
