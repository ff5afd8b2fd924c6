import { queueSlotCaps } from './queue-slot-caps';

describe('queueSlotCaps', () => {
  it('reads the most slots of each named queue', () => {
    expect(
      queueSlotCaps([
        { queue: 'etl', slots: 2 },
        { queue: 'low', slots: 4 },
      ]),
    ).toEqual(
      new Map([
        ['etl', 2],
        ['low', 4],
      ]),
    );
  });

  it('refuses a name that is no queue, naming the variable and the known queues', () => {
    expect(() => queueSlotCaps([{ queue: 'urgent', slots: 2 }])).toThrow(
      'Invalid configuration: WORKER_QUEUE_CONCURRENCY entry "urgent" is not a queue. Known queues:',
    );
  });

  it('refuses a queue given no slot', () => {
    expect(() => queueSlotCaps([{ queue: 'etl', slots: 0 }])).toThrow(
      'Invalid configuration: WORKER_QUEUE_CONCURRENCY gives queue etl 0 slots: give it at least 1, or leave etl out of WORKER_QUEUES.',
    );
  });
});
