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
