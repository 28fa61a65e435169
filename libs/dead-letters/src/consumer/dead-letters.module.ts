import {
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import type { RetentionSweep } from '@app/retention';
import { deadLetterRetention } from '../dead-letter-retention';
import { DeadLetterParker } from './dead-letter-parker';
import { DeadLetterRepublisher } from './dead-letter-republisher';
import { DeadLetterStore } from './dead-letter-store';
import { DeadLettersController } from './dead-letters.controller';
import {
  ConfigurableDeadLettersModule,
  DEAD_LETTERS_OPTIONS,
  type DeadLettersModuleOptions,
} from './dead-letters.options';
import { DeadLettersService } from './dead-letters.service';

const DEAD_LETTER_PARKERS = Symbol('DEAD_LETTER_PARKERS');
const CONSUMER_RETENTION = Symbol('CONSUMER_DEAD_LETTER_RETENTION');

/**
 * Operator tooling for consumer dead letters: parks each queue's DLQ in this service's
 * `dead_letters` table, serves `/admin/dead-letters` (list, inspect, requeue, discard) and
 * deletes settled rows past the retention. Import it once per service with every consumer
 * queue it owns (the routes are per service).
 */
@Module({
  controllers: [DeadLettersController],
  providers: [
    DeadLettersService,
    {
      provide: DeadLetterStore,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new DeadLetterStore(dataSource),
    },
    {
      provide: DeadLetterRepublisher,
      inject: [AmqpConnection],
      useFactory: (connection: AmqpConnection) => new DeadLetterRepublisher(connection),
    },
    {
      provide: DEAD_LETTER_PARKERS,
      inject: [DEAD_LETTERS_OPTIONS, AmqpConnection, getDataSourceToken()],
      useFactory: (
        options: DeadLettersModuleOptions,
        connection: AmqpConnection,
        dataSource: DataSource,
      ) =>
        options.queues.map(
          (queue) =>
            new DeadLetterParker({
              connection,
              dataSource,
              queue,
              prefetch: options.prefetch,
              redact: options.redact?.[queue],
            }),
        ),
    },
    {
      provide: CONSUMER_RETENTION,
      inject: [DEAD_LETTERS_OPTIONS, DeadLetterStore],
      useFactory: (options: DeadLettersModuleOptions, store: DeadLetterStore) =>
        deadLetterRetention('consumer dead letters', options, (ms, chunk) =>
          store.deleteSettled(ms, chunk),
        ),
    },
  ],
  exports: [DeadLettersService],
})
export class DeadLettersModule
  extends ConfigurableDeadLettersModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(
    @Inject(DEAD_LETTER_PARKERS) private readonly parkers: DeadLetterParker[],
    @Inject(CONSUMER_RETENTION) private readonly retention: RetentionSweep,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    for (const parker of this.parkers) parker.start();
    this.retention.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.parkers.map((parker) => parker.stop()), this.retention.stop()]);
  }
}
