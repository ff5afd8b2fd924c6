import { servedQueues } from './served-queues';
import { UnknownQueueError } from './unknown-queue.error';

describe('servedQueues', () => {
  it('puts the queues in serving order whatever order they are listed in', () => {
    expect(servedQueues(['low', 'high'])).toEqual(['high', 'low']);
    expect(servedQueues(['default', 'low', 'high'])).toEqual(['high', 'default', 'low']);
  });

  it('refuses an unknown queue, naming WORKER_QUEUES and the known queues', () => {
    expect(() => servedQueues(['high', 'urgent'])).toThrow(UnknownQueueError);
    expect(() => servedQueues(['high', 'urgent'])).toThrow(
      'Invalid configuration: WORKER_QUEUES entry "urgent" is not a queue. Known queues: high, default, low, etl, webhooks.',
    );
  });
});
