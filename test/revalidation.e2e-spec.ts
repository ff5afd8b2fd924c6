import { TestPlatform } from '@lib/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

describe('a job changed after it was created', () => {
  const platform = new TestPlatform('revalidation');
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
    redis = new Redis(platform.queues.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue('default', { connection: redis, prefix: platform.queues.prefix });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await platform.stop();
  });

  it('runs what Postgres holds when its data is edited in Redis, as a dashboard could', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 7 }, delay_ms: 1500 });
    const job = await queue.getJob(id);
    await job?.updateData({ type: 'truncate_table', payload: { table: 'users' } });
    const done = await platform.waitForStatus(id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', type: 'sleep', result: { slept_ms: 7 } });
  });

  it('fails at attempt 1, permanently, when the payload Postgres holds no longer passes its rules', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, delay_ms: 1500 });
    await platform.database.query(
      `UPDATE job_statuses SET payload = '{"ms": "soon"}' WHERE id = $1`,
      [id],
    );
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatchObject({
      name: 'InvalidPayloadError',
      permanent: true,
      message: 'payload.ms must be an integer from 0 to 3600000, got "soon".',
    });
  });
});
