import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { EventConsumer, type EventConsumerOptions } from '@app/inbox';
import { CART_EVENTS_CONSUMER, CART_PRODUCER, TRACKING_CONSUMER } from './counters.constants';
import { CountersController } from './counters.controller';
import { CountersService } from './counters.service';
import { cartEventHandlers } from './handlers/cart-events.handler';

/** Retries, prefetch and delivery limit of the cart-event consumer. */
export type ConsumerTuning = Partial<
  Pick<
    EventConsumerOptions,
    'maxRetries' | 'retryBaseDelayMs' | 'prefetch' | 'maxBatch' | 'deliveryLimit'
  >
>;

@Module({})
export class CountersModule {
  /** The counters and their consumer of `cart.events`; a provider, so it starts and drains itself. */
  static register(tuning: ConsumerTuning = {}): DynamicModule {
    return {
      module: CountersModule,
      controllers: [CountersController],
      providers: [
        CountersService,
        {
          provide: CART_EVENTS_CONSUMER,
          inject: [AmqpConnection, getDataSourceToken(), CountersService],
          useFactory: (
            connection: AmqpConnection,
            dataSource: DataSource,
            counters: CountersService,
          ) =>
            new EventConsumer({
              ...tuning,
              connection,
              dataSource,
              consumer: TRACKING_CONSUMER,
              producer: CART_PRODUCER,
              handlers: cartEventHandlers(counters),
            }),
        },
      ],
    };
  }
}
