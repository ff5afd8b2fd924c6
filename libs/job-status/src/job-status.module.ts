import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobStatus } from './job-status.entity';
import { JobStatusPruner } from './job-status.pruner';
import { JobStatusReader } from './job-status.reader';
import { JobStatusRecorder } from './job-status.recorder';

/** Reading and recording job statuses; needs an app-level DatabaseModule. */
@Module({
  imports: [TypeOrmModule.forFeature([JobStatus])],
  providers: [JobStatusReader, JobStatusRecorder, JobStatusPruner],
  exports: [JobStatusReader, JobStatusRecorder, JobStatusPruner],
})
export class JobStatusModule {}
