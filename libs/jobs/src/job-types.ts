import { DataImportJob } from './data-import/data-import.job';
import { SleepJob } from './sleep/sleep.job';
import { SqlTransformJob } from './sql-transform/sql-transform.job';
import { TruncateTableJob } from './truncate-table/truncate-table.job';

/** Every job type the platform runs: adding one is a folder beside these and a line here. */
export const JOB_TYPES = [SleepJob, TruncateTableJob, DataImportJob, SqlTransformJob];
