import { Logger } from '@nestjs/common';
import { PlatformError } from '@lib/errors';

/**
 * Runs an app's start-up; if it fails, logs one line (a PlatformError's message names
 * the variable or URL and the remedy) and exits with status 1.
 */
export function runOrExit(appName: string, start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    const logger = new Logger(appName);
    if (error instanceof PlatformError) {
      logger.fatal(error.message);
    } else {
      logger.fatal(`Start-up failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    process.exit(1);
  });
}
