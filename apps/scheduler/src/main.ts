import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { bootApp, healthPort, runOrExit } from '@lib/lifecycle';
import { SchedulerModule } from './scheduler.module';

runOrExit('scheduler', () =>
  bootApp('scheduler', {
    module: SchedulerModule,
    schema: JOB_STATUS_SCHEMA,
    port: healthPort,
    readyMessage: (port) =>
      `Scheduler ready; health and metrics on http://localhost:${port}/health`,
  }),
);
