import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { bootApp, healthPort, runOrExit } from '@lib/lifecycle';
import { queueSlotCaps, servedQueues } from '@lib/queues';
import { WorkerModule } from './worker.module';

runOrExit('worker', () =>
  bootApp('worker', {
    module: WorkerModule,
    schema: JOB_STATUS_SCHEMA,
    validate: (config) => {
      servedQueues(config.worker.queues);
      queueSlotCaps(config.worker.queueConcurrency);
    },
    port: healthPort,
    readyMessage: (port) => `Worker health and metrics on http://localhost:${port}/health`,
  }),
);
