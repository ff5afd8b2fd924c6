import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import type { DatabaseUrl } from './database-url';

/** Postgres did not answer at start-up; the message names the URL and the remedy. */
export class DatabaseUnreachableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'database_unreachable';

  constructor(url: DatabaseUrl, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(
      `Cannot reach Postgres at ${url.redacted} (DATABASE_URL): ${reason}. ` +
        'Start it (for example: pg_ctlcluster 15 main start, or docker compose up -d postgres) ' +
        'or point DATABASE_URL at a running server.',
    );
  }
}
