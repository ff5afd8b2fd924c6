import type { LogLevel } from '@lib/config';
import type { LogLevel as NestLogLevel } from '@nestjs/common';

const ORDER: readonly NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const CUTOFF: Record<LogLevel, NestLogLevel> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'log',
  debug: 'debug',
  trace: 'verbose',
};

/** Nest's levels enabled by LOG_LEVEL. */
export const nestLogLevels = (level: LogLevel): NestLogLevel[] =>
  ORDER.slice(0, ORDER.indexOf(CUTOFF[level]) + 1);
