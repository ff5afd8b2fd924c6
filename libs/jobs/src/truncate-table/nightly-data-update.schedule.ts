import type { ScheduleDefinition } from '../schedule-definition';

/** Empties the day's statistics table every night at 02:00. */
export const NIGHTLY_DATA_UPDATE: ScheduleDefinition = {
  name: 'nightly_data_update',
  cron: '0 2 * * *',
  type: 'truncate_table',
  payload: { schema: 'public', table: 'daily_stats' },
  queue: 'low',
};
