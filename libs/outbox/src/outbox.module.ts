import { PlatformConfig } from '@lib/config';
import { JobRegistry, JobsModule } from '@lib/jobs';
import { Module } from '@nestjs/common';
import { JobEnqueuer } from './job-enqueuer';
import { JobTypeCatalogueWriter } from './job-type-catalogue.writer';

/**
 * Writes the job type catalogue at start-up (every app imports it, so that whichever version
 * starts last describes its job types) and provides JobEnqueuer; needs a DatabaseModule.
 */
@Module({
  imports: [JobsModule],
  providers: [
    JobTypeCatalogueWriter,
    {
      provide: JobEnqueuer,
      inject: [JobRegistry, PlatformConfig],
      useFactory: (registry: JobRegistry, config: PlatformConfig) =>
        new JobEnqueuer(registry, { maxTimeoutMs: config.jobs.maxTimeoutMs }),
    },
  ],
  exports: [JobEnqueuer],
})
export class OutboxModule {}
