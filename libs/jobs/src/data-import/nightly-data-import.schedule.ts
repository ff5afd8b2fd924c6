import type { ScheduleDefinition } from '../schedule-definition';

/**
 * Loads IMPORT_DIR/daily_imports.csv into public.daily_imports at 01:00 on weekdays.
 * Point it at your own source and table in SCHEDULES_FILE.
 */
export const NIGHTLY_DATA_IMPORT: ScheduleDefinition = {
  name: 'nightly_data_import',
  cron: '0 1 * * 1-5',
  type: 'data_import',
  payload: {
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
  },
  queue: 'etl',
};
