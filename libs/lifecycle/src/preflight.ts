import { loadPlatformConfig } from '@lib/config';
import type { PlatformApp, PlatformConfig } from '@lib/config';
import { dataSourceOptions, openDataSource } from '@lib/database';
import type { DatabaseSchema } from '@lib/database';
import { PRODUCER_OPTIONS, closeRedis, connectRedis } from '@lib/queues';

/**
 * Checks what an app needs before Nest boots it, so that a wrong variable or a
 * server that is down ends start-up with one clear line instead of a stack trace:
 * the config (as `app` reads it), Postgres (creating the database and applying migrations) and Redis.
 */
export async function preflight(app: PlatformApp, schema: DatabaseSchema): Promise<PlatformConfig> {
  const config = loadPlatformConfig(process.env, app);
  const dataSource = await openDataSource(
    dataSourceOptions(config.database.url, schema),
    config.database.migrationUrl,
  );
  await dataSource.destroy();
  const redis = await connectRedis(config.redis, PRODUCER_OPTIONS);
  await closeRedis(redis);
  return config;
}
