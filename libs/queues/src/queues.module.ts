import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import { JobQueues } from './job-queues';
import { QUEUE_NAMES } from './queue-names';
import { QueueDepthGauge } from './queue-depth.gauge';
import { QueueStore } from './queue-store';
import { PRODUCER_QUEUE_STORE } from './queue-store.provider';

@Module({ providers: [PRODUCER_QUEUE_STORE], exports: [QueueStore] })
class ProducerQueueStoreModule {}

// Each queue under BullMQ's Nest token, where the dashboard looks queues up by name.
const QUEUE_PROVIDERS: Provider[] = QUEUE_NAMES.map((name) => ({
  provide: getQueueToken(name),
  inject: [QueueStore],
  useFactory: (store: QueueStore) => store.queue(name),
}));

/**
 * The producer side of the queues, for the API and the scheduler, in the store
 * QUEUE_BACKEND names. It opens no Worker: only the worker app consumes jobs. Needs the
 * app's MetricsModule.
 */
@Module({
  imports: [ProducerQueueStoreModule],
  providers: [...QUEUE_PROVIDERS, JobQueues, QueueDepthGauge],
  exports: [...QUEUE_PROVIDERS, JobQueues, ProducerQueueStoreModule],
})
export class QueuesModule {}
