import { NIGHTLY_DATA_IMPORT } from './data-import/nightly-data-import.schedule';
import type { ScheduleDefinition } from './schedule-definition';
import { NIGHTLY_DATA_UPDATE } from './truncate-table/nightly-data-update.schedule';

/** Schedules that run unless SCHEDULES_FILE turns them off: one beside each job it runs. */
export const BUILT_IN_SCHEDULES: readonly ScheduleDefinition[] = [
  NIGHTLY_DATA_IMPORT,
  NIGHTLY_DATA_UPDATE,
];
