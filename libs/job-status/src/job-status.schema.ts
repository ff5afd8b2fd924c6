import type { DatabaseSchema } from '@lib/database';
import { JobStatus } from './job-status.entity';
import { JOB_STATUS_MIGRATIONS } from './migrations';

/** The tables this lib owns, for an app's DatabaseModule.forRoot(). */
export const JOB_STATUS_SCHEMA: DatabaseSchema = {
  entities: [JobStatus],
  migrations: JOB_STATUS_MIGRATIONS,
};
