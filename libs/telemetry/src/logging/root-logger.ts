import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { logContext } from './log-context';
import type { LoggingSettings } from './logging.config';
import { REDACTED_PATHS, serializeError } from './log-serializers';

/**
 * The process's pino logger: one JSON object per line on stdout (`service`, `pid`, ISO `time`,
 * `level` by name, `msg`, the logger's context, and the scope's ids), or, in `pretty` format,
 * one readable line each for a developer's terminal. Writes are synchronous, so the lines
 * before a crash or `process.exit` are not lost.
 */
export async function createRootLogger(
  service: string,
  settings: LoggingSettings,
  /** Where JSON lines go: stdout unless a test says otherwise. */
  stdout?: DestinationStream,
): Promise<Logger> {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: logContext,
    serializers: { err: serializeError },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (settings.format === 'pretty') return pino(options, await prettyStream());
  return pino(
    { ...options, formatters: { level: (label) => ({ level: label }) } },
    stdout ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** pino-pretty, a development dependency: asking for it without it installed fails at boot. */
async function prettyStream(): Promise<DestinationStream> {
  const pretty = await import('pino-pretty').catch(() => {
    throw new Error('LOG_FORMAT=pretty needs the pino-pretty package (a development dependency)');
  });
  return pretty.default({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context',
    messageFormat: '{service} {if context}[{context}] {end}{msg}',
    singleLine: true,
  });
}
