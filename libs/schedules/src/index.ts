// Owns: recurring jobs: the schedules (built-in merged with SCHEDULES_FILE), checking them,
// when they tick, and enqueuing one job, or one chain of jobs, per tick.
// Must not import: any app; node-cron's running tasks belong to the scheduler app.
export { CronTimetable } from './cron-timetable';
export { InvalidScheduleError } from './invalid-schedule.error';
export { loadSchedules } from './load-schedules';
export type { ScheduleSources } from './load-schedules';
export type { Schedule, ScheduleStep } from './schedule';
export { ScheduleBook } from './schedule-book';
export { ScheduleDispatcher } from './schedule-dispatcher';
export { SchedulesModule } from './schedules.module';
export { UnknownScheduleError } from './unknown-schedule.error';
