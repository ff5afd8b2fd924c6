import { PlatformConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { DispatchModule } from '@lib/dispatch';
import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { HealthModule } from '@lib/health';
import { PlatformLoggerModule } from '@lib/lifecycle';
import { MetricsModule } from '@lib/metrics';
import { Module } from '@nestjs/common';

/**
 * The scheduler: enqueues jobs on a timetable through the same dispatch path as the
 * API. It never runs jobs.
 */
@Module({
  imports: [
    PlatformConfigModule,
    PlatformLoggerModule.forApp('scheduler'),
    MetricsModule,
    HealthModule,
    DatabaseModule.forRoot(JOB_STATUS_SCHEMA),
    DispatchModule,
  ],
})
export class SchedulerModule {}
