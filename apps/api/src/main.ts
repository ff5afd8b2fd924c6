import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { closeOnSignals, nestLogLevels, preflight, runOrExit } from '@lib/lifecycle';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from './api.module';
import { configureHttp } from './http/configure-http';
import { configureOpenApi } from './http/configure-openapi';

runOrExit('api', async () => {
  const config = await preflight(JOB_STATUS_SCHEMA);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    abortOnError: false,
    logger: nestLogLevels(config.log.level),
  });
  configureHttp(app);
  configureOpenApi(app);
  closeOnSignals(app);
  await app.listen(config.api.port);
  new Logger('api').log(`API listening on http://localhost:${config.api.port}`);
});
