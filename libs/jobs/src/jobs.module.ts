import { PlatformConfig } from '@lib/config';
import { OutboundFetcher } from '@lib/outbound';
import { Logger, Module } from '@nestjs/common';
import type { BaseJob } from './base-job';
import { JobRegistry } from './job-registry';
import { JOB_TYPES } from './job-types';
import { TransformCatalogue } from './sql-transform/transform-catalogue';
import { PLATFORM_JOB_TYPES } from './platform-job-types';
import type { PlatformJobTypes } from './platform-job-types';

/**
 * Every job type as a provider, what they reach the outside with (the network, the transforms
 * of TRANSFORM_DIR), and the registry that finds them by name.
 */
@Module({
  providers: [
    ...JOB_TYPES,
    {
      provide: OutboundFetcher,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => new OutboundFetcher(config.outbound),
    },
    {
      provide: TransformCatalogue,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => {
        const catalogue = TransformCatalogue.read(config.jobs.transformDir);
        if (catalogue.ignored.length > 0) {
          new Logger('jobs').warn(
            `TRANSFORM_DIR ${catalogue.dir}: ${catalogue.ignored.join(', ')} left out; ` +
              'a transform name is 1 to 63 of a-z, 0-9 and "_".',
          );
        }
        return catalogue;
      },
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
