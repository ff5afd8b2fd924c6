import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { bootApp, runOrExit } from '@lib/lifecycle';
import { SchedulerModule } from './scheduler.module';

runOrExit('scheduler', () =>
  bootApp('scheduler', {
    module: SchedulerModule,
    schema: JOB_STATUS_SCHEMA,
    port: (config) => config.health.port,
    readyMessage: (port) =>
      `Scheduler ready; health and metrics on http://localhost:${port}/health`,
  }),
);
