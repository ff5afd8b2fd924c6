import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { DatabaseUnreachableError } from './database-unreachable.error';
import { DatabaseUrl } from './database-url';
import { ensureDatabase } from './ensure-database';
import type { DatabaseSchema } from './database-schema';
import { runMigrations } from './run-migrations';

/** TypeORM options for the platform's Postgres; the schema only ever comes from migrations. */
export function dataSourceOptions(databaseUrl: string, schema: DatabaseSchema): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    ...schema,
    synchronize: false,
    migrationsRun: false,
    connectTimeoutMS: 5000,
    extra: { max: 20 },
  };
}

/**
 * Creates the database if missing, connects, and applies pending migrations. With a
 * `migrationUrl` (DATABASE_MIGRATION_URL), creating and migrating happen as that URL's role
 * on a connection of their own, closed afterwards: the returned one, as `options.url`'s
 * role, then needs no right to change the schema.
 */
export async function openDataSource(
  options: DataSourceOptions,
  migrationUrl: string | null = null,
): Promise<DataSource> {
  const url = (options as { url: string }).url;
  await ensureDatabase(migrationUrl ?? url);
  if (migrationUrl !== null) {
    const migrator = await connect({ ...options, url: migrationUrl } as DataSourceOptions);
    try {
      await runMigrations(migrator);
    } finally {
      await migrator.destroy();
    }
    return connect(options);
  }
  const dataSource = await connect(options);
  await runMigrations(dataSource);
  return dataSource;
}

async function connect(options: DataSourceOptions): Promise<DataSource> {
  const url = (options as { url: string }).url;
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new DatabaseUnreachableError(new DatabaseUrl(url), error);
  }
  return dataSource;
}
