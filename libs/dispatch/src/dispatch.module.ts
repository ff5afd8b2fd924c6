import { JobStatusModule } from '@lib/job-status';
import { JobsModule } from '@lib/jobs';
import { QueuesModule } from '@lib/queues';
import { Module } from '@nestjs/common';
import { JobDispatcher } from './job-dispatcher';

/** The dispatch path for apps that create jobs (API, scheduler); needs a DatabaseModule. */
@Module({
  imports: [JobsModule, JobStatusModule, QueuesModule],
  providers: [JobDispatcher],
  exports: [JobDispatcher, JobsModule, JobStatusModule, QueuesModule],
})
export class DispatchModule {}
