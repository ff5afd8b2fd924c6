import { ApiKeyVerifier, SCOPES } from '@lib/auth';
import { PlatformConfig } from '@lib/config';
import { JobStatusModule } from '@lib/job-status';
import { QUEUE_NAMES, QueuesModule } from '@lib/queues';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import type { NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuditModule } from '../audit/audit.module';
import { AuthenticationModule } from '../auth/authentication.module';
import { guardWithBasicAuth } from './dashboard-basic-auth';
import { DashboardHooks } from './dashboard-hooks';
import { DashboardMetricsHistory } from './dashboard-metrics-history';
import { jobStatusLink } from './dashboard-job-link';
import { DashboardJobStatusController } from './dashboard-job-status.controller';
import { serveBoardOffline } from './dashboard-offline-page';
import { DashboardRemovals } from './dashboard-removals';

export const DASHBOARD_ROUTE = '/admin/queues';

@Module({
  imports: [JobStatusModule, QueuesModule, AuditModule, AuthenticationModule],
  providers: [DashboardHooks, DashboardRemovals, DashboardMetricsHistory],
  exports: [DashboardHooks, DashboardMetricsHistory],
})
class DashboardHooksModule {}

/**
 * Bull Board at /admin/queues, every queue of the platform, behind HTTP basic auth
 * (which also guards its API and assets) with ADMIN_USER and ADMIN_PASSWORD or an
 * admin-scope API key. Only mounted when ADMIN_USER and ADMIN_PASSWORD are set.
 */
@Module({
  controllers: [DashboardJobStatusController],
  imports: [
    AuthenticationModule,
    JobStatusModule,
    BullBoardModule.forRootAsync({
      imports: [DashboardHooksModule],
      inject: [DashboardHooks, DashboardMetricsHistory],
      useFactory: (hooks: DashboardHooks, history: DashboardMetricsHistory) => ({
        route: DASHBOARD_ROUTE,
        adapter: FastifyAdapter,
        // Guarded by a Fastify hook instead (see configure below).
        middleware: [],
        boardOptions: {
          // The header's Docs icon links to bull-board's site, out of reach of an offline board.
          uiConfig: { boardTitle: 'jobs-platform', hideDocsLink: true },
          historyProvider: history,
          handlerHooks: {
            before: (context) => hooks.before(context),
            after: (context, result) => hooks.after(context, result),
          },
        },
      }),
    }),
    BullBoardModule.forFeature(
      ...QUEUE_NAMES.map((name) => ({
        name,
        adapter: BullMQAdapter,
        options: { externalJobUrl: jobStatusLink },
      })),
    ),
  ],
})
export class DashboardModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: PlatformConfig,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  // Nest configures modules before it registers routes and plugins: the hook covers them all.
  configure(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    serveBoardOffline(fastify, DASHBOARD_ROUTE);
    guardWithBasicAuth(
      fastify,
      DASHBOARD_ROUTE,
      { user: this.config.admin?.user ?? '', password: this.config.admin?.password ?? '' },
      (token) =>
        this.verifier.callerOfToken(token).then(
          (caller) => caller.scopes.has(SCOPES.admin),
          () => false,
        ),
    );
  }
}
