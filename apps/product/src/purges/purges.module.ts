import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { EventConsumer, type EventConsumerOptions } from '@app/inbox';
import { PurgeLedger, PurgeLedgerModule } from '@app/mirror-sync';
import { purgeReceiptHandlers } from './purge-receipt.handler';
import { PRODUCT_AGGREGATE, PRODUCT_CONSUMER } from './purges.constants';

/** Retries, prefetch, batch and delivery limit of the receipt consumers. */
export type ConsumerTuning = Partial<
  Pick<
    EventConsumerOptions,
    'maxRetries' | 'retryBaseDelayMs' | 'prefetch' | 'maxBatch' | 'deliveryLimit'
  >
>;

export interface PurgesSettings {
  /** Consumer names of the mirrors that confirm each purge. */
  mirrors: string[];
  receiptDeadlineSeconds: number;
  tuning?: ConsumerTuning;
}

/**
 * The purge ledger of products and one receipt consumer per expected mirror (queue
 * `product.<mirror>`, bound to `purge-receipt.issued` on `<mirror>.events`).
 */
@Module({})
export class PurgesModule {
  static register(settings: PurgesSettings): DynamicModule {
    return {
      module: PurgesModule,
      imports: [
        PurgeLedgerModule.forRoot({
          aggregateType: PRODUCT_AGGREGATE,
          expectedMirrors: settings.mirrors,
          receiptDeadlineSeconds: settings.receiptDeadlineSeconds,
        }),
      ],
      providers: settings.mirrors.map((mirror) => receiptConsumer(mirror, settings.tuning)),
    };
  }
}

/** A provider, so Nest starts it once the app is up and drains it before shutdown. */
function receiptConsumer(mirror: string, tuning: ConsumerTuning = {}): Provider {
  return {
    provide: `purge-receipts:${mirror}`,
    inject: [AmqpConnection, getDataSourceToken(), PurgeLedger],
    useFactory: (connection: AmqpConnection, dataSource: DataSource, ledger: PurgeLedger) =>
      new EventConsumer({
        ...tuning,
        connection,
        dataSource,
        consumer: PRODUCT_CONSUMER,
        producer: mirror,
        handlers: purgeReceiptHandlers(ledger, mirror),
      }),
  };
}
