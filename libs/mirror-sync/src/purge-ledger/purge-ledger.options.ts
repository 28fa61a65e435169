import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface PurgeLedgerModuleOptions {
  /** The aggregate type this service purges, e.g. `product`; its ledger is served. */
  aggregateType: string;
  /** Consumer names of the mirrors that must confirm each purge, e.g. `catalog`. */
  expectedMirrors: string[];
  /** A purge older than this that still lacks a receipt counts in `safe_deletion_purges_incomplete`. */
  receiptDeadlineSeconds: number;
}

export const {
  ConfigurableModuleClass: ConfigurablePurgeLedgerModule,
  MODULE_OPTIONS_TOKEN: PURGE_LEDGER_OPTIONS,
} = new ConfigurableModuleBuilder<PurgeLedgerModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
