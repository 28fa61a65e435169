export { loadConfig, ConfigValidationError } from './load-config';
