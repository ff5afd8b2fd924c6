import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { bootApp, runOrExit } from '@lib/lifecycle';
import { ApiModule } from './api.module';
import { configureHttp } from './http/configure-http';
import { configureOpenApi } from './http/configure-openapi';

runOrExit('api', () =>
  bootApp('api', {
    module: (config) => ApiModule.forRoot(config),
    schema: JOB_STATUS_SCHEMA,
    port: (config) => config.api.port,
    configure: (app) => {
      configureHttp(app);
      configureOpenApi(app);
    },
    readyMessage: (port) => `API listening on http://localhost:${port}`,
  }),
);
