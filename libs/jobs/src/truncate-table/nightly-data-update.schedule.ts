import type { ScheduleDefinition } from '../schedule-definition';

/**
 * Empties public.daily_stats every night at 02:00 once switched on. Off by default: the
 * nightly ETL (nightly_data_import) now computes daily_stats, which this would empty an
 * hour later. Kept so that SCHEDULES_FILE entries naming it still apply.
 */
export const NIGHTLY_DATA_UPDATE: ScheduleDefinition = {
  name: 'nightly_data_update',
  cron: '0 2 * * *',
  type: 'truncate_table',
  payload: { schema: 'public', table: 'daily_stats' },
  queue: 'low',
  enabled: false,
};
