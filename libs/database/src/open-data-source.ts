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

/** Creates the database if missing, connects, and applies pending migrations. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const url = (options as { url: string }).url;
  await ensureDatabase(url);
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new DatabaseUnreachableError(new DatabaseUrl(url), error);
  }
  await runMigrations(dataSource);
  return dataSource;
}
