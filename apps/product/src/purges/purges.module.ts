import { Module, type DynamicModule } from '@nestjs/common';
import { PurgeLedgerModule } from '@app/mirror-sync';
import { PurgeReceiptsHandler } from './handlers/purge-receipts.handler';
import { PRODUCT_AGGREGATE } from './purges.constants';

export interface PurgesSettings {
  /** Consumer names of the mirrors that confirm each purge. */
  mirrors: string[];
  receiptDeadlineSeconds: number;
}

/**
 * The purge ledger of products and the receipts of every expected mirror (queue
 * `product.<mirror>`, bound to `purge-receipt.issued` on `<mirror>.events`; the mirrors are the
 * transport's producer group `purge-mirrors`).
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
      controllers: [PurgeReceiptsHandler],
    };
  }
}
