// The DataSource the TypeORM CLI reads (`npm run migration:generate`).
import { loadPlatformConfig } from '@lib/config';
import { dataSourceOptions } from '@lib/database';
import { DataSource } from 'typeorm';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

export default new DataSource(
  dataSourceOptions(loadPlatformConfig().database.url, JOB_STATUS_SCHEMA),
);
