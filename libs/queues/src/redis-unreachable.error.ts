import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Redis did not answer; the message names the URL and the remedy. */
export class RedisUnreachableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'redis_unreachable';

  constructor(redactedUrl: string, reason: string) {
    super(
      `Cannot reach Redis at ${redactedUrl} (REDIS_URL): ${reason}. Start it (for example: ` +
        'redis-server --daemonize yes, or docker compose up -d redis) or point REDIS_URL at a running server.',
    );
  }
}
