import { PlatformConfigModule } from '@lib/config';
import type { PlatformConfig } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { HealthModule } from '@lib/health';
import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { PlatformLoggerModule } from '@lib/lifecycle';
import { SchedulesModule } from '@lib/schedules';
import { MetricsModule } from '@lib/metrics';
import { RecoveryModule } from '@lib/recovery';
import { OutboxModule } from '@lib/outbox';
import { WebhookAttemptsReader } from '@lib/webhooks';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthenticationModule } from './auth/authentication.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DashboardNotMountedNotice } from './dashboard/dashboard-not-mounted.notice';
import { CancelJobController } from './jobs/cancel-job.controller';
import { CreateJobsController } from './jobs/create-jobs.controller';
import { JobStatusController } from './jobs/job-status.controller';
import { JobStatusFeed } from './jobs/job-status-feed';
import { JobsController } from './jobs/jobs.controller';
import { RetryJobController } from './jobs/retry-job.controller';
import { WebhookDeliveriesController } from './jobs/webhook-deliveries.controller';
import { LimitsModule } from './limits/limits.module';
import { QueuesController } from './queues/queues.controller';
import { SchedulesController } from './schedules/schedules.controller';

/** The HTTP API: creates jobs and reads their status. It never runs jobs. */
@Module({})
export class ApiModule {
  /** The dashboard is part of the app only when its credentials are configured. */
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformConfigModule.forApp('api'),
        PlatformLoggerModule.forApp('api'),
        MetricsModule,
        HealthModule.forApp({ redisRequired: false }),
        DatabaseModule.forRoot(JOB_STATUS_SCHEMA),
        SchedulesModule,
        RecoveryModule,
        OutboxModule,
        AuthenticationModule,
        LimitsModule,
        AuditModule,
        ...(config.admin ? [DashboardModule] : []),
      ],
      controllers: [
        CreateJobsController,
        JobStatusController,
        JobsController,
        CancelJobController,
        RetryJobController,
        SchedulesController,
        QueuesController,
        WebhookDeliveriesController,
      ],
      providers: [
        JobStatusFeed,
        WebhookAttemptsReader,
        ...(config.admin ? [] : [DashboardNotMountedNotice]),
      ],
    };
  }
}
