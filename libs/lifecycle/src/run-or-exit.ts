import { loadLogSettings } from '@lib/config';
import { PlatformError } from '@lib/errors';
import { pino } from 'pino';
import { pinoDestination, pinoOptions } from './pino-options';

/**
 * Runs an app's start-up; if it fails, logs one line (a PlatformError's message names
 * the variable or URL and the remedy) and exits with status 1.
 */
export function runOrExit(appName: string, start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    const log = loadLogSettings();
    // Synchronous, so that the line is written before the process exits.
    const logger = pino(pinoOptions(appName, log), pinoDestination(log, true));
    if (error instanceof PlatformError) {
      logger.fatal(error.message);
    } else {
      logger.fatal(
        { err: error },
        `Start-up failed: ${(error as Error)?.message ?? String(error)}`,
      );
    }
    process.exit(1);
  });
}
