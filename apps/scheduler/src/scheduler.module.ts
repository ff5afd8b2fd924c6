import { PlatformConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { HealthModule } from '@lib/health';
import { PlatformLoggerModule } from '@lib/lifecycle';
import { MetricsModule } from '@lib/metrics';
import { RecoveryModule } from '@lib/recovery';
import { OutboxModule } from '@lib/outbox';
import { SchedulesModule } from '@lib/schedules';
import { Module } from '@nestjs/common';
import { CronTicker } from './cron-ticker';
import { RetentionSweeper } from './retention-sweeper';

/**
 * The scheduler: enqueues jobs on a timetable through the same dispatch path as the
 * API, and deletes expired job statuses. It never runs jobs.
 */
@Module({
  imports: [
    PlatformConfigModule.forApp('scheduler'),
    PlatformLoggerModule.forApp('scheduler'),
    MetricsModule,
    HealthModule.forApp({ redisRequired: false }),
    DatabaseModule.forRoot(JOB_STATUS_SCHEMA),
    SchedulesModule,
    RecoveryModule,
    OutboxModule,
  ],
  providers: [CronTicker, RetentionSweeper],
})
export class SchedulerModule {}
