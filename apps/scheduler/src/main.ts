import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { closeOnSignals, nestLogLevels, preflight, runOrExit } from '@lib/lifecycle';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SchedulerModule } from './scheduler.module';

runOrExit('scheduler', async () => {
  const config = await preflight(JOB_STATUS_SCHEMA);
  const app = await NestFactory.createApplicationContext(SchedulerModule, {
    abortOnError: false,
    logger: nestLogLevels(config.log.level),
  });
  closeOnSignals(app);
  await app.init();
  new Logger('scheduler').log('Scheduler ready.');
});
