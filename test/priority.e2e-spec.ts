import { TestPlatform, eachQueueBackend } from '@lib/testing';

eachQueueBackend('the order a worker takes jobs in, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('priority', env);

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('serves high before default before low, and by priority then arrival within a queue', async () => {
    const create = (name: string, queue: string, priority?: number) =>
      platform.createJob({ type: 'sleep', payload: { ms: 20, message: name }, queue, priority });
    // Queued while no worker runs, in an order that differs from the expected one.
    const created = [
      await create('low-1', 'low'),
      await create('default-p5', 'default', 5),
      await create('low-2', 'low'),
      await create('high-p2', 'high', 2),
      await create('default-p1', 'default', 1),
      await create('default-1', 'default'),
      await create('high-1', 'high'),
      await create('default-p1-later', 'default', 1),
    ];

    const worker = await platform.start('worker', { WORKER_CONCURRENCY: '1' });
    const jobs = await Promise.all(created.map((id) => platform.waitForStatus(id, ['completed'])));

    const order = jobs
      .sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at))
      .map((job) => job.result.message);
    expect(order).toEqual([
      'high-1',
      'high-p2',
      'default-1',
      'default-p1',
      'default-p1-later',
      'default-p5',
      'low-1',
      'low-2',
    ]);
    await worker.stop();
  });

  it('leaves the queues a worker does not serve to other workers', async () => {
    await platform.start('worker', { WORKER_QUEUES: 'low' });
    const high = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'high' });
    const low = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'low' });
    await platform.waitForStatus(low, ['completed']);
    expect((await platform.get(`/job-status/${high}`)).body.status).toBe('queued');
  });
});
