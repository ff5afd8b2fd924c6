import { TestPlatform } from '@lib/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

describe('a job whose data was changed in Redis after it was created', () => {
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

  // As a dashboard's "edit job" would: the worker must check the payload again.
  const editInRedis = async (id: string, data: Record<string, unknown>) => {
    const job = await queue.getJob(id);
    await job?.updateData({ ...job.data, ...data });
  };

  it('fails at attempt 1, permanently, when the payload no longer passes its rules', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, delay_ms: 1500 });
    await editInRedis(id, { payload: { ms: 'soon' } });
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatchObject({
      name: 'InvalidPayloadError',
      permanent: true,
      message: 'payload.ms must be an integer from 0 to 3600000, got soon.',
    });
  });

  it('fails permanently when the type is no longer a known job type', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, delay_ms: 1500 });
    await editInRedis(id, { type: 'rm_rf' });
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job.error).toMatchObject({ name: 'UnknownJobTypeError', permanent: true });
  });
});
