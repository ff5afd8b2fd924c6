import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';

/**
 * Closes the app (running its shutdown hooks) on SIGTERM or SIGINT, then exits 0; exits 1
 * if that takes longer than `deadlineMs`.
 * Nest's own enableShutdownHooks re-raises the signal, which ends the process with
 * status 143 even after a clean stop.
 */
export function closeOnSignals(app: INestApplicationContext, deadlineMs: number): void {
  const logger = new Logger('shutdown');
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) {
      return;
    }
    closing = true;
    logger.log(`${signal} received: shutting down.`);
    // Whatever hangs (a server that stopped answering), the process still ends.
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${deadlineMs} ms; exiting anyway.`);
      process.exit(1);
    }, deadlineMs).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: Error) => {
        logger.error(`Shutdown failed: ${error.message}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
