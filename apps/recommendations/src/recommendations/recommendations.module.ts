import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { EventConsumer, type EventConsumerOptions } from '@app/inbox';
import { ProductMirrorModule, type ProductMirrorSyncOptions } from '@app/product-mirror';
import { CoPurchasesService } from './co-purchases.service';
import { orderEventHandlers } from './handlers/order-events.handler';
import {
  ORDER_EVENTS_CONSUMER,
  ORDER_PRODUCER,
  RECOMMENDATIONS_CONSUMER,
} from './recommendations.constants';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/** Retries, prefetch and delivery limit of both consumers (order and product events). */
export type ConsumerTuning = Partial<
  Pick<
    EventConsumerOptions,
    'maxRetries' | 'retryBaseDelayMs' | 'prefetch' | 'maxBatch' | 'deliveryLimit'
  >
> & {
  /** The product mirror's seeding and reconciliation. */
  sync: ProductMirrorSyncOptions;
};

@Module({})
export class RecommendationsModule {
  /** The model, its order-event consumer (a provider: starts and drains itself) and the mirror. */
  static register(tuning: ConsumerTuning): DynamicModule {
    const { sync: _, ...orderConsumer } = tuning;
    return {
      module: RecommendationsModule,
      imports: [ProductMirrorModule.forRoot({ ...tuning, consumer: RECOMMENDATIONS_CONSUMER })],
      controllers: [RecommendationsController],
      providers: [
        RecommendationsService,
        CoPurchasesService,
        {
          provide: ORDER_EVENTS_CONSUMER,
          inject: [AmqpConnection, getDataSourceToken(), CoPurchasesService],
          useFactory: (
            connection: AmqpConnection,
            dataSource: DataSource,
            model: CoPurchasesService,
          ) =>
            new EventConsumer({
              ...orderConsumer,
              connection,
              dataSource,
              consumer: RECOMMENDATIONS_CONSUMER,
              producer: ORDER_PRODUCER,
              handlers: orderEventHandlers(model),
            }),
        },
      ],
    };
  }
}
