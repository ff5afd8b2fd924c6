import { RedisServer, TestPlatform, waitFor } from '@lib/testing';

describe('creating jobs while Redis is down', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('redis-down', { REDIS_URL: redis.url, HANDOFF_SWEEP_MS: '200' });
    await platform.start('api');
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  const createTimed = async (request: Record<string, unknown>) => {
    const startedAt = Date.now();
    const response = await platform.post('/create-jobs', request);
    return { response, ms: Date.now() - startedAt };
  };

  it('answers 202 within 2 s while Redis hangs without answering, and runs the job once it thaws', async () => {
    redis.freeze();
    let created;
    try {
      created = await createTimed({ type: 'sleep', payload: { ms: 1 } });
    } finally {
      redis.thaw();
    }
    expect(created.ms).toBeLessThan(2000);
    expect(created.response.status).toBe(202);
    await platform.start('worker');
    await platform.waitForStatus(created.response.body.job_id, ['completed']);
    await platform.kill('worker');
  });

  it('answers 202 within 2 s while Redis is down, says so in readiness, and runs the job when Redis is back', async () => {
    await redis.kill();
    const { response, ms } = await createTimed({ type: 'sleep', payload: { ms: 1 } });
    expect(ms).toBeLessThan(2000);
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('queued');
    const [row] = await platform.database.query('SELECT * FROM job_statuses WHERE id = $1', [
      response.body.job_id,
    ]);
    expect(row).toMatchObject({ status: 'queued', dispatched_at: null });

    const ready = await platform.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.error.redis.status).toBe('down');
    expect(ready.body.info.postgres.status).toBe('up');

    await redis.restart();
    await platform.start('worker');
    const done = await platform.waitForStatus(response.body.job_id, ['completed']);
    expect(done.attempts).toBe(1);
    await waitFor(
      'readiness to be ok again',
      () => platform.get('/health/ready'),
      (r) => r.body.status === 'ok',
    );
  });
});
