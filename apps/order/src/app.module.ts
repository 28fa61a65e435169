import { Module, type DynamicModule } from '@nestjs/common';
import { serviceInfrastructure } from '@app/service-kit';
import type { OrderConfig } from './config/order.config';
import { orderDataSourceOptions } from './database/data-source';
import { OrdersModule } from './orders/orders.module';

/** Orders, with a product mirror fed by product events. */
@Module({})
export class AppModule {
  static register(config: OrderConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          name: 'order',
          database: {
            ...orderDataSourceOptions(config.ORDER_DATABASE_URL),
            url: config.ORDER_DATABASE_URL,
          },
          amqpUrl: config.AMQP_URL,
          relay: { enabled: config.ORDER_RELAY_ENABLED },
          cachePolicies: {},
        }),
        OrdersModule,
      ],
    };
  }
}
