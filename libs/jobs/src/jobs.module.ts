import { PlatformConfig } from '@lib/config';
import { OutboundFetcher } from '@lib/outbound';
import { Module } from '@nestjs/common';
import type { BaseJob } from './base-job';
import { JobRegistry } from './job-registry';
import { JOB_TYPES } from './job-types';

/** Every job type as a provider, what they reach the outside with, and the registry that finds them by name. */
@Module({
  providers: [
    ...JOB_TYPES,
    {
      provide: OutboundFetcher,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => new OutboundFetcher(config.outbound),
    },
    {
      provide: JobRegistry,
      inject: JOB_TYPES,
      useFactory: (...jobs: BaseJob[]) => new JobRegistry(jobs),
    },
  ],
  exports: [JobRegistry],
})
export class JobsModule {}
