import { FAST_RECOVERY, TestPlatform } from '@lib/testing';

// What only the Postgres backend has to show; the core flows run on both (eachQueueBackend).
describe('the queues in Postgres (QUEUE_BACKEND=postgres)', () => {
  const platform = new TestPlatform('postgres-queues', {
    QUEUE_BACKEND: 'postgres',
    WORKER_STALL_TIMEOUT_MS: '1500',
    ...FAST_RECOVERY,
  });

  beforeAll(() => platform.start('api'));
  afterEach(() => platform.kill('worker'));
  afterAll(() => platform.stop());

  it('keeps the jobs in BullMQ’s schema of the platform’s database and nothing in Redis', async () => {
    await platform.start('worker');
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'high' });
    await platform.waitForStatus(id, ['completed']);
    const [row] = await platform.database.query<{ state: string }>(
      'SELECT state FROM bullmq.job WHERE queue = $1 AND id = $2',
      ['high', id],
    );
    expect(row).toEqual({ state: 'completed' });
    // Every key the platform would write lives under its QUEUE_PREFIX.
    expect(await platform.queues.keys('*')).toEqual([]);
  });

  it('reports the queue schema in readiness instead of Redis', async () => {
    const { status, body } = await platform.get('/health/ready');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.details).sort()).toEqual(['postgres', 'queues']);
    expect(body.details.queues).toMatchObject({
      status: 'up',
      backend: 'postgres',
      schema: 'bullmq',
    });
  });

  it('hands a job dropped from the queue table to the queue again, and runs it once', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    expect(await platform.holdsQueuedCopy('default', id)).toBe(true);
    await platform.database.query('DELETE FROM bullmq.job WHERE id = $1', [id]);
    await platform.start('worker');
    const job = await platform.waitForStatus(id, ['completed']);
    expect(job.attempts).toBe(1);
  });
});
