import { JobsModule } from '@lib/jobs';
import { Module } from '@nestjs/common';
import { JobTypeCatalogueWriter } from './job-type-catalogue.writer';

/**
 * Writes the job type catalogue at start-up (every app imports it, so that whichever version
 * starts last describes its job types); needs a DatabaseModule.
 */
@Module({
  imports: [JobsModule],
  providers: [JobTypeCatalogueWriter],
})
export class OutboxModule {}
