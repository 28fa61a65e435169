import { Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { watchOverduePurges } from './overdue-purges';
import { PurgeLedgerController } from './purge-ledger.controller';
import {
  ConfigurablePurgeLedgerModule,
  PURGE_LEDGER_OPTIONS,
  type PurgeLedgerModuleOptions,
} from './purge-ledger.options';
import { PurgeLedger } from './purge-ledger.service';

/**
 * The owner's purge ledger: `PurgeLedger` (global, for the purge and the receipt consumers),
 * `GET /admin/purges` and `/admin/purges/:id`, and the overdue count behind `safe_deletion_purges_incomplete`.
 * Needs the service's TypeORM DataSource and the tables of `purgeLedgerTableDdl()`.
 */
@Module({
  controllers: [PurgeLedgerController],
  providers: [PurgeLedger],
  exports: [PurgeLedger, PURGE_LEDGER_OPTIONS],
})
export class PurgeLedgerModule
  extends ConfigurablePurgeLedgerModule
  implements OnModuleInit, OnModuleDestroy
{
  private unwatch?: () => void;

  constructor(
    private readonly ledger: PurgeLedger,
    @Inject(PURGE_LEDGER_OPTIONS) private readonly options: PurgeLedgerModuleOptions,
  ) {
    super();
  }

  onModuleInit(): void {
    const { aggregateType, receiptDeadlineSeconds } = this.options;
    this.unwatch = watchOverduePurges(async () => ({
      aggregateType,
      count: await this.ledger.incompleteOlderThan(receiptDeadlineSeconds, aggregateType),
    }));
  }

  onModuleDestroy(): void {
    this.unwatch?.();
  }
}
