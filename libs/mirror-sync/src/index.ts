export {
  PURGED,
  type EntryState,
  type MirrorSource,
  type MirrorTarget,
  type RangeDigest,
  type ReconcileResult,
  type SnapshotEntry,
  type SnapshotPage,
  type SnapshotPageQuery,
  type SourceTraffic,
} from './mirror-sync.types';
export { childPrefixes, isRangePrefix, prefixBounds, prefixOf } from './id-ranges';
export {
  EMPTY_HASH,
  entryHash,
  entryHashSql,
  rangeDigests,
  type DigestTable,
  type Queryable,
} from './range-digests';
export {
  HttpMirrorSource,
  OwnerRequestError,
  type HttpMirrorSourceOptions,
} from './http-mirror-source';
export { MirrorReconciler, type ReconcilerOptions } from './mirror-reconciler';
export { MirrorSeeder, type SeederOptions, type SeedProgress } from './mirror-seeder';
export { MirrorReconcileController } from './mirror-reconcile.controller';
export { MirrorSyncModule } from './mirror-sync.module';
export { MIRROR_SYNC_OPTIONS, type MirrorSyncOptions } from './mirror-sync.options';
export { MirrorSync, SCHEDULED_RUN_ACTOR } from './mirror-sync.service';
export { mirrorSyncStatuses, type DriftCounts, type MirrorSyncStatus } from './mirror-sync-status';
export { diffRange, type RangeDiff } from './range-diff';
export { overduePurges, type OverduePurges } from './purge-ledger/overdue-purges';
export { PurgeLedgerModule } from './purge-ledger/purge-ledger.module';
export {
  PURGE_LEDGER_OPTIONS,
  type PurgeLedgerModuleOptions,
} from './purge-ledger/purge-ledger.options';
export {
  PURGE_LEDGER_TABLE,
  PURGE_RECEIPTS_TABLE,
  dropPurgeLedgerTableDdl,
  purgeLedgerTableDdl,
} from './purge-ledger/purge-ledger.schema';
export { PurgeLedger } from './purge-ledger/purge-ledger.service';
export type {
  OpenPurge,
  PurgeLedgerEntry,
  PurgeLedgerPage,
  PurgeLedgerQuery,
  PurgeReceiptRecord,
} from './purge-ledger/purge-ledger.types';
export { purgeReceiptOf } from './purge-ledger/purge-receipt.validation';
export { receiptAwaitedSql, type ReceiptAwaitedTerms } from './purge-ledger/receipt-awaited.sql';
export { MIRROR_SYNC_STATE_TABLE, mirrorSyncStateTableDdl } from './mirror-sync-state.schema';
