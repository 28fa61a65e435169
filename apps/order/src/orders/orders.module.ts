import { Module, type DynamicModule } from '@nestjs/common';
import { ProductMirrorModule, type ProductMirrorModuleOptions } from '@app/product-mirror';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({})
export class OrdersModule {
  /** `mirror`: the product mirror's seeding and reconciliation. */
  static register(mirror: Omit<ProductMirrorModuleOptions, 'consumer'>): DynamicModule {
    return {
      module: OrdersModule,
      imports: [ProductMirrorModule.forRoot({ ...mirror, consumer: 'order' })],
      controllers: [OrdersController],
      providers: [OrdersService],
    };
  }
}
