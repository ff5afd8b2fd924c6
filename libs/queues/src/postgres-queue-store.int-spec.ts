import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase, waitFor } from '@lib/testing';
import { PostgresQueueStore, migrateQueueSchema } from './postgres-queue-store';

describe('the queues in Postgres', () => {
  const database = new TestDatabase('postgres-queue-store');
  let producer: PostgresQueueStore;
  let consumer: PostgresQueueStore;

  beforeAll(async () => {
    // Creates the database; BullMQ's schema is all this suite needs in it.
    await (await openDataSource(dataSourceOptions(database.url, { migrations: [] }))).destroy();
    await migrateQueueSchema(database.url);
    producer = PostgresQueueStore.open(database.url, 5);
    consumer = PostgresQueueStore.open(database.url, 5);
  });
  afterAll(async () => {
    await Promise.all([producer.close(), consumer.close()]);
    await database.drop();
  });

  it('carries a cancel from one process’s store to every subscriber over NOTIFY', async () => {
    const heard: string[] = [];
    const stop = await consumer.cancellations.subscribe((id) => heard.push(id));
    await producer.cancellations.publish('job-1');
    await waitFor(
      'the cancel to be heard',
      () => Promise.resolve(heard),
      (ids) => ids.length > 0,
    );
    await stop();
    await producer.cancellations.publish('job-2');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual(['job-1']);
  });

  it('tells which jobs the queue still holds unfinished, in the order asked', async () => {
    const queue = producer.queue('default');
    await queue.addBulk([
      { name: 'sleep', data: {}, opts: { jobId: 'first' } },
      { name: 'sleep', data: {}, opts: { jobId: 'second' } },
    ]);
    const worker = consumer.worker('default', { autorun: false });
    const job = await worker.getNextJob('token');
    await job?.moveToCompleted(null, 'token', false);
    expect(job?.id).toBe('first');
    expect(await producer.heldUnfinished('default', ['never-added', 'first', 'second'])).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('tells a worker that jobs arrived, also when they came in bulk', async () => {
    let arrivals = 0;
    const stop = await consumer.watchArrivals(() => (arrivals += 1));
    const before = arrivals;
    await producer.queue('high').addBulk([{ name: 'sleep', data: {}, opts: { jobId: 'bulk' } }]);
    await waitFor(
      'the arrival to be told',
      () => Promise.resolve(arrivals),
      (count) => count > before,
    );
    await stop();
  });

  it('has no loss marker: the queues cannot be lost apart from the statuses', () => {
    expect(producer.lossMarker).toBeNull();
  });
});
