import { Module } from '@nestjs/common';
import type { BaseJob } from './base-job';
import { JobRegistry } from './job-registry';
import { JOB_TYPES } from './job-types';

/** Every job type as a provider, and the registry that finds them by name. */
@Module({
  providers: [
    ...JOB_TYPES,
    {
      provide: JobRegistry,
      inject: JOB_TYPES,
      useFactory: (...jobs: BaseJob[]) => new JobRegistry(jobs),
    },
  ],
  exports: [JobRegistry],
})
export class JobsModule {}
