import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { bootApp, runOrExit } from '@lib/lifecycle';
import { ApiModule } from './api.module';
import { configureHttp } from './http/configure-http';
import { answerFrameworkError } from './http/framework-error.handler';
import { configureOpenApi } from './openapi/configure-openapi';
import { AuthFailureThrottle } from './limits/auth-failure.throttle';

runOrExit('api', () =>
  bootApp('api', {
    module: (config) => ApiModule.forRoot(config),
    schema: JOB_STATUS_SCHEMA,
    port: (config) => ({ port: config.api.port, variable: 'PORT', orNextFree: false }),
    frameworkErrors: answerFrameworkError,
    configure: (app) => {
      // First of all onRequest hooks: a throttled address is refused before any check.
      app.get(AuthFailureThrottle).attach(app.getHttpAdapter().getInstance());
      configureHttp(app);
      configureOpenApi(app);
    },
    readyMessage: (port) => `API listening on http://localhost:${port}`,
  }),
);
