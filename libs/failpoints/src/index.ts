export { failpoint, type FailpointName } from './failpoint';
