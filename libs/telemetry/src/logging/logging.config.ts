import { IsIn, IsString } from 'class-validator';
import { loadConfig } from '@app/config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

/** How a process logs, from `LOG_LEVEL` and `LOG_FORMAT`; validated at boot like the rest. */
export class LoggingConfig {
  @IsIn(LOG_LEVELS) LOG_LEVEL: LogLevel = 'info';
  /** `auto`: `pretty` in development (`NODE_ENV` unset or `development`), `json` elsewhere. */
  @IsIn(['auto', 'json', 'pretty']) LOG_FORMAT: LogFormat | 'auto' = 'auto';
  @IsString() NODE_ENV = 'development';
}

export interface LoggingSettings {
  level: LogLevel;
  format: LogFormat;
}

/** The logging settings of this process, from the environment; throws on a bad value. */
export function loggingSettings(env: NodeJS.ProcessEnv = process.env): LoggingSettings {
  const config = loadConfig(LoggingConfig, env);
  const auto = config.NODE_ENV === 'development' ? 'pretty' : 'json';
  return {
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT === 'auto' ? auto : config.LOG_FORMAT,
  };
}
