import { workerLanes } from './worker-lanes';

const queues = (...names: Array<'high' | 'default' | 'etl' | 'webhooks'>) =>
  names.map((name) => ({ name }));
const slots = { concurrency: 4, webhookConcurrency: 2 };

describe('workerLanes', () => {
  it('gives webhooks its own slots and leaves the other queues in serving order', () => {
    expect(workerLanes(queues('high', 'default', 'etl', 'webhooks'), slots)).toEqual([
      { queues: queues('high', 'default', 'etl'), concurrency: 4 },
      { queues: queues('webhooks'), concurrency: 2 },
    ]);
  });

  it('leaves out a lane with no queue', () => {
    expect(workerLanes(queues('webhooks'), slots)).toEqual([
      { queues: queues('webhooks'), concurrency: 2 },
    ]);
    expect(workerLanes(queues('default'), slots)).toEqual([
      { queues: queues('default'), concurrency: 4 },
    ]);
  });
});
