import type { ScheduleDefinition } from '../schedule-definition';

/** The built-in import: IMPORT_DIR/daily_imports.csv into public.daily_imports. */
export const DAILY_IMPORTS_PAYLOAD = {
  source: { file: 'daily_imports.csv' },
  format: 'csv',
  table: 'daily_imports',
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'name', type: 'text' },
    { name: 'amount', type: 'numeric' },
    { name: 'updated_at', type: 'timestamp' },
  ],
  key: ['id'],
};

/**
 * The nightly ETL, at 01:00 on weekdays: loads IMPORT_DIR/daily_imports.csv into
 * public.daily_imports, then, once that has completed, runs the daily_stats transform
 * (TRANSFORM_DIR/daily_stats.sql) into public.daily_stats. Point it at your own source,
 * tables and transform in SCHEDULES_FILE.
 */
export const NIGHTLY_DATA_IMPORT: ScheduleDefinition = {
  name: 'nightly_data_import',
  cron: '0 1 * * 1-5',
  steps: [
    {
      name: 'load_daily_imports',
      type: 'data_import',
      payload: DAILY_IMPORTS_PAYLOAD,
      queue: 'etl',
    },
    {
      name: 'compute_daily_stats',
      type: 'sql_transform',
      payload: { transform: 'daily_stats' },
      queue: 'etl',
    },
  ],
};
