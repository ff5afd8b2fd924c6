import { PlatformConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { JOB_STATUS_SCHEMA, JobStatusModule } from '@lib/job-status';
import { JobsModule } from '@lib/jobs';
import { HealthModule } from '@lib/health';
import { PlatformLoggerModule } from '@lib/lifecycle';
import { MetricsModule } from '@lib/metrics';
import { RecoveryModule } from '@lib/recovery';
import { OutboxModule } from '@lib/outbox';
import { WebhookDeliveryModule } from '@lib/webhooks';
import { Module } from '@nestjs/common';
import { AttemptPerformer } from './attempt-performer';
import { JobContextFactory } from './job-context.factory';
import { JobRunner } from './job-runner';
import { QueueConsumer } from './queue-consumer';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerIdentity } from './worker-identity';

/** The worker: the only app that consumes queues and runs jobs. */
@Module({
  imports: [
    PlatformConfigModule.forApp('worker'),
    PlatformLoggerModule.forApp('worker'),
    MetricsModule,
    HealthModule.forApp({ redisRequired: true }),
    DatabaseModule.forRoot(JOB_STATUS_SCHEMA),
    JobStatusModule,
    JobsModule,
    RecoveryModule,
    OutboxModule,
    WebhookDeliveryModule,
  ],
  providers: [
    AttemptPerformer,
    JobContextFactory,
    JobRunner,
    QueueConsumer,
    WorkerHeartbeat,
    WorkerIdentity,
  ],
})
export class WorkerModule {}
