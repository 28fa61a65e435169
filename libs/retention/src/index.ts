export { RetentionSweep, type DeleteChunk, type RetentionSweepOptions } from './retention-sweep';
