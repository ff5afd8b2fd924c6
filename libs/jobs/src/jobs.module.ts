import { PlatformConfig } from '@lib/config';
import { OutboundFetcher } from '@lib/outbound';
import { Module } from '@nestjs/common';
import type { BaseJob } from './base-job';
import { JobRegistry } from './job-registry';
import { JOB_TYPES } from './job-types';
import { PLATFORM_JOB_TYPES } from './platform-job-types';
import type { PlatformJobTypes } from './platform-job-types';

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
      inject: [{ token: PLATFORM_JOB_TYPES, optional: true }, ...JOB_TYPES],
      useFactory: (platform: PlatformJobTypes | undefined, ...jobs: BaseJob[]) =>
        new JobRegistry([...jobs, ...(platform ?? [])]),
    },
  ],
  exports: [JobRegistry],
})
export class JobsModule {}
