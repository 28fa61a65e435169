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
export { MIRROR_SYNC_STATE_TABLE, mirrorSyncStateTableDdl } from './mirror-sync-state.schema';
