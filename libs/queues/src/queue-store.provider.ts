import { PlatformConfig } from '@lib/config';
import type { Provider } from '@nestjs/common';
import { openQueueStore } from './open-queue-store';
import { QueueStore } from './queue-store';

/** The store the API and the scheduler queue jobs through (see QueueStoreRole). */
export const PRODUCER_QUEUE_STORE: Provider = {
  provide: QueueStore,
  inject: [PlatformConfig],
  useFactory: (config: PlatformConfig) => openQueueStore(config, 'producer'),
};
