export { loadConfig, ConfigValidationError } from './load-config';
export { EnvBoolean } from './env-boolean.decorator';
