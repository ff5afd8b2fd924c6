import { JobStatusModule } from '@lib/job-status';
import { JobsModule } from '@lib/jobs';
import { QueuesModule } from '@lib/queues';
import { Module } from '@nestjs/common';
import { JobCanceller } from './job-canceller';
import { JobDispatcher } from './job-dispatcher';
import { JobHandOff } from './job-hand-off';

/** The dispatch path for apps that create jobs (API, scheduler); needs a DatabaseModule. */
@Module({
  imports: [JobsModule, JobStatusModule, QueuesModule],
  providers: [JobDispatcher, JobCanceller, JobHandOff],
  exports: [JobDispatcher, JobCanceller, JobHandOff, JobsModule, JobStatusModule, QueuesModule],
})
export class DispatchModule {}
