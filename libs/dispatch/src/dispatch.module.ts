import { JobStatusModule } from '@lib/job-status';
import { JobsModule } from '@lib/jobs';
import { QueuesModule } from '@lib/queues';
import { Module } from '@nestjs/common';
import { DependencyCheck } from './dependency-check';
import { DispatchMarker } from './dispatch-marker';
import { JobCanceller } from './job-canceller';
import { JobDispatcher } from './job-dispatcher';
import { JobHandOff } from './job-hand-off';
import { JobRetrier } from './job-retrier';
import { JobRowBuilder } from './job-row-builder';

/** The dispatch path for apps that create jobs (API, scheduler); needs a DatabaseModule. */
@Module({
  imports: [JobsModule, JobStatusModule, QueuesModule],
  providers: [
    JobDispatcher,
    JobRetrier,
    JobCanceller,
    JobHandOff,
    JobRowBuilder,
    DependencyCheck,
    DispatchMarker,
  ],
  exports: [
    JobDispatcher,
    JobRetrier,
    JobCanceller,
    JobHandOff,
    JobsModule,
    JobStatusModule,
    QueuesModule,
  ],
})
export class DispatchModule {}
