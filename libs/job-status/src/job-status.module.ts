import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WaitingJobCanceller } from './waiting-job-canceller';
import { HandOffLedger } from './hand-off-ledger';
import { JobStatus } from './job-status.entity';
import { JobStatusPartitioner } from './job-status.partitioner';
import { JobStatusPruner } from './job-status.pruner';
import { PartitionUpkeep } from './partition-upkeep';
import { JobStatusReader } from './job-status.reader';
import { JobStatusRecorder } from './job-status.recorder';
import { QueueBacklogGauge } from './queue-backlog.gauge';
import { QueuePauseLedger } from './queue-pause.ledger';
import { RedisEpochLedger } from './redis-epoch-ledger';
import { UnfinishedJobsReader } from './unfinished-jobs.reader';
import { WorkerRegistry } from './worker-registry';

const PROVIDERS = [
  JobStatusReader,
  JobStatusRecorder,
  JobStatusPruner,
  JobStatusPartitioner,
  HandOffLedger,
  RedisEpochLedger,
  UnfinishedJobsReader,
  WorkerRegistry,
  WaitingJobCanceller,
  QueuePauseLedger,
];

/** Reading and recording job statuses; needs an app-level DatabaseModule. */
@Module({
  imports: [TypeOrmModule.forFeature([JobStatus])],
  providers: [...PROVIDERS, QueueBacklogGauge, PartitionUpkeep],
  exports: PROVIDERS,
})
export class JobStatusModule {}
