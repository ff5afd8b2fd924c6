import { JobStatusModule } from '@lib/job-status';
import { JobsModule } from '@lib/jobs';
import { QueuesModule } from '@lib/queues';
import { Module } from '@nestjs/common';
import { JobCanceller } from './job-canceller';
import { JobDispatcher } from './job-dispatcher';

/** The dispatch path for apps that create jobs (API, scheduler); needs a DatabaseModule. */
@Module({
  imports: [JobsModule, JobStatusModule, QueuesModule],
  providers: [JobDispatcher, JobCanceller],
  exports: [JobDispatcher, JobCanceller, JobsModule, JobStatusModule, QueuesModule],
})
export class DispatchModule {}
