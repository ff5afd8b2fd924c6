import { JobStatusModule } from '@lib/job-status';
import { JobsModule } from '@lib/jobs';
import { QueuesModule } from '@lib/queues';
import { Module } from '@nestjs/common';
import { DependencyCheck } from './dependency-check';
import { JobCanceller } from './job-canceller';
import { JobDispatcher } from './job-dispatcher';
import { JobHandOff } from './job-hand-off';
import { JobRowBuilder } from './job-row-builder';

/** The dispatch path for apps that create jobs (API, scheduler); needs a DatabaseModule. */
@Module({
  imports: [JobsModule, JobStatusModule, QueuesModule],
  providers: [JobDispatcher, JobCanceller, JobHandOff, JobRowBuilder, DependencyCheck],
  exports: [JobDispatcher, JobCanceller, JobHandOff, JobsModule, JobStatusModule, QueuesModule],
})
export class DispatchModule {}
