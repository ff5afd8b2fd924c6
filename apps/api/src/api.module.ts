import { PlatformConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { DispatchModule } from '@lib/dispatch';
import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { HealthModule } from '@lib/health';
import { PlatformLoggerModule } from '@lib/lifecycle';
import { MetricsModule } from '@lib/metrics';
import { Module } from '@nestjs/common';
import { CreateJobsController } from './jobs/create-jobs.controller';
import { JobStatusController } from './jobs/job-status.controller';
import { JobsController } from './jobs/jobs.controller';

/** The HTTP API: creates jobs and reads their status. It never runs jobs. */
@Module({
  imports: [
    PlatformConfigModule,
    PlatformLoggerModule.forApp('api'),
    MetricsModule,
    HealthModule,
    DatabaseModule.forRoot(JOB_STATUS_SCHEMA),
    DispatchModule,
  ],
  controllers: [CreateJobsController, JobStatusController, JobsController],
})
export class ApiModule {}
