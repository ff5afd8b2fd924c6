import { loadPlatformConfig } from '@lib/config';
import type { PlatformApp, PlatformConfig } from '@lib/config';
import { dataSourceOptions, openDataSource } from '@lib/database';
import type { DatabaseSchema } from '@lib/database';
import { migrateQueueSchema, openQueueStore } from '@lib/queues';

/**
 * Checks what an app needs before Nest boots it, so that a wrong variable or a
 * server that is down ends start-up with one clear line instead of a stack trace:
 * the config (as `app` reads it), Postgres (creating the database and applying migrations) and
 * where the queues live: Redis answers, or BullMQ's schema in Postgres is migrated.
 */
export async function preflight(app: PlatformApp, schema: DatabaseSchema): Promise<PlatformConfig> {
  const config = loadPlatformConfig(process.env, app);
  const dataSource = await openDataSource(
    dataSourceOptions(config.database.url, schema),
    config.database.migrationUrl,
  );
  await dataSource.destroy();
  if (config.queues.backend === 'postgres') {
    await migrateQueueSchema(config.database.migrationUrl ?? config.database.url);
  } else {
    await (await openQueueStore(config, 'producer')).close();
  }
  return config;
}
