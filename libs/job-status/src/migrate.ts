// `npm run migration:run`: applies pending migrations the same way the apps do at start-up.
import { loadPlatformConfig } from '@lib/config';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { runOrExit } from '@lib/lifecycle';
import { Logger } from '@nestjs/common';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

runOrExit('migrate', async () => {
  const config = loadPlatformConfig();
  const dataSource = await openDataSource(
    dataSourceOptions(config.database.url, JOB_STATUS_SCHEMA),
    config.database.migrationUrl,
  );
  const pending = await dataSource.showMigrations();
  await dataSource.destroy();
  new Logger('migrate').log(
    pending ? 'Migrations still pending.' : `Schema of ${config.database.url} is up to date.`,
  );
});
