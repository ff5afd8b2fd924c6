import { FAST_RECOVERY, RedisServer, TestPlatform, waitFor } from '@lib/testing';

describe('Redis losing its data', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  beforeEach(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('redis-loss', { REDIS_URL: redis.url, ...FAST_RECOVERY });
    await platform.start('api');
  });
  afterEach(async () => {
    await platform.stop();
    await redis.kill();
  });

  const burst = (count: number, request: Record<string, unknown>) =>
    Promise.all(Array.from({ length: count }, () => platform.createJob(request)));

  const allCompletedOnce = { notCompleted: [], completedTwice: [], waiting: [] };

  it('runs every queued, delayed and retrying job after FLUSHALL', async () => {
    const worker = await platform.start('worker');
    const retrying = await burst(40, {
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 1 },
      backoff: { type: 'fixed', delay_ms: 4000 },
    });
    await waitFor(
      'the first attempts to fail',
      () =>
        platform.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM job_statuses WHERE status = 'retrying'",
        ),
      (rows) => rows[0].n === retrying.length,
    );
    await worker.stop('SIGTERM');
    const queued = await burst(40, { type: 'sleep', payload: { ms: 1 } });
    const delayed = await burst(40, { type: 'sleep', payload: { ms: 1 }, delay_ms: 3000 });

    expect(await redis.command('FLUSHALL')).toBe('OK');
    await platform.start('worker');

    expect(await platform.settlement([...retrying, ...queued, ...delayed])).toEqual(
      allCompletedOnce,
    );
    const api = platform.apps('api')[0];
    expect(api.logs()).toContain('Redis lost its data');
    const metrics = (await api.get('/metrics')).text;
    expect(metrics).toMatch(/jobs_recovered_total\{reason="redis_data_lost"\} [1-9]/);
  });

  it('finishes every acknowledged job when Redis is killed and restarts empty mid-burst', async () => {
    await platform.start('worker', { WORKER_CONCURRENCY: '20' });
    const { created, refused, done } = platform.createInBursts(12, 15, {
      type: 'sleep',
      payload: { ms: 20 },
    });
    await waitFor(
      'a few jobs to be created',
      () => Promise.resolve(created.length),
      (n) => n >= 45,
    );
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.restart();
    await done;
    // Redis down or frozen never makes the API refuse a job.
    expect(refused()).toBe(0);
    expect(await platform.settlement(created)).toEqual(allCompletedOnce);
  });

  it('loses nothing when Redis freezes mid-burst and thaws', async () => {
    await platform.start('worker', { WORKER_CONCURRENCY: '20' });
    const { created, refused, done } = platform.createInBursts(10, 15, {
      type: 'sleep',
      payload: { ms: 20 },
    });
    await waitFor(
      'a few jobs to be created',
      () => Promise.resolve(created.length),
      (n) => n >= 45,
    );
    redis.freeze();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    redis.thaw();
    await done;
    // Redis down or frozen never makes the API refuse a job.
    expect(refused()).toBe(0);
    expect(await platform.settlement(created)).toEqual(allCompletedOnce);
  });

  it('hands a waiting job over again when its keys are removed behind the platform’s back', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    await platform.database.query(
      "UPDATE job_statuses SET dispatched_at = now() - interval '1 minute'",
    );
    const keys = (await redis.command('KEYS', `${platform.queues.prefix}:*`)) as string[];
    await redis.command('DEL', ...keys.filter((key) => !key.endsWith(':epoch')));
    await platform.start('worker');
    expect(await platform.settlement([id])).toEqual(allCompletedOnce);
    expect((await platform.apps('api')[0].get('/metrics')).text).toMatch(
      /jobs_recovered_total\{reason="missing_in_redis"\} 1/,
    );
  });
});
