import type { PlatformConfig } from '@lib/config';
import { pino } from 'pino';
import type { DestinationStream, LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

// Headers that carry credentials (basic auth of the dashboard, API keys, sessions). pino-http
// logs header names lowercased, as Node reads them.
const SECRET_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** Level, redaction and app name shared by every log line of every app. */
export function pinoOptions(app: string, log: PlatformConfig['log']): LoggerOptions {
  return {
    level: log.level,
    base: { app },
    redact: { paths: SECRET_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/** Where lines go: JSON to stdout, or readable lines through pino-pretty. */
export function pinoDestination(log: PlatformConfig['log'], sync = false): DestinationStream {
  return log.format === 'pretty'
    ? pretty({
        sync,
        singleLine: true,
        ignore: 'pid,hostname,app',
        translateTime: 'SYS:HH:MM:ss.l',
      })
    : pino.destination({ fd: 1, sync });
}
