import { PlatformConfig } from '@lib/config';
import { JobStatusModule } from '@lib/job-status';
import { QUEUE_NAMES, QueuesModule } from '@lib/queues';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import basicAuth from 'express-basic-auth';
import { DashboardHooks } from './dashboard-hooks';
import { DashboardRemovals } from './dashboard-removals';

export const DASHBOARD_ROUTE = '/admin/queues';

@Module({
  imports: [JobStatusModule, QueuesModule],
  providers: [DashboardHooks, DashboardRemovals],
  exports: [DashboardHooks],
})
class DashboardHooksModule {}

/**
 * Bull Board at /admin/queues, every queue of the platform, behind HTTP basic auth
 * (which also guards its API and assets). Only mounted when credentials are set.
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [DashboardHooksModule],
      inject: [PlatformConfig, DashboardHooks],
      useFactory: (config: PlatformConfig, hooks: DashboardHooks) => ({
        route: DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: basicAuth({
          users: { [config.admin?.user ?? '']: config.admin?.password ?? '' },
          challenge: true,
          realm: 'jobs-platform',
        }),
        boardOptions: {
          uiConfig: { boardTitle: 'jobs-platform' },
          handlerHooks: {
            before: (context) => hooks.before(context),
            after: (context, result) => hooks.after(context, result),
          },
        },
      }),
    }),
    BullBoardModule.forFeature(...QUEUE_NAMES.map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class DashboardModule {}
