import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { closeOnSignals, nestLogLevels, preflight, runOrExit } from '@lib/lifecycle';
import { servedQueues } from '@lib/queues';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

runOrExit('worker', async () => {
  const config = await preflight(JOB_STATUS_SCHEMA);
  servedQueues(config.worker.queues);
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    abortOnError: false,
    logger: nestLogLevels(config.log.level),
  });
  closeOnSignals(app);
  await app.init();
});
