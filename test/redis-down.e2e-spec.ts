import { RedisServer, TestPlatform, waitFor } from '@lib/testing';

describe('creating a job while Redis is down', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('redis-down', { REDIS_URL: redis.url });
    await platform.start('api');
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  it('answers 503 within 2 s while Redis hangs without answering', async () => {
    redis.freeze();
    try {
      const startedAt = Date.now();
      const response = await platform.post('/create-jobs', { type: 'sleep', payload: { ms: 1 } });
      expect(Date.now() - startedAt).toBeLessThan(2000);
      expect(response.status).toBe(503);
      expect(response.body.message).toContain('no answer in 1500 ms');
    } finally {
      redis.thaw();
    }
    await platform.database.query('DELETE FROM job_statuses');
  });

  it('answers 503 within 2 s and keeps the job recorded as not dispatched', async () => {
    await redis.kill();
    const startedAt = Date.now();
    const response = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      idempotency_key: 'while-down',
    });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(response.status).toBe(503);
    expect(response.body.message).toMatch(
      /^Job [0-9a-f-]{36} is recorded but could not be queued: Redis is unavailable/,
    );
    const rows = await platform.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'queued', dispatched_at: null });
  });

  it('queues that job when the same request is retried after Redis is back', async () => {
    await redis.restart();
    // The API reconnects on its own; until then the retried request is refused again.
    const response = await waitFor(
      'the retried request to be accepted',
      () =>
        platform.post('/create-jobs', {
          type: 'sleep',
          payload: { ms: 1 },
          idempotency_key: 'while-down',
        }),
      (r) => r.status !== 503,
      { intervalMs: 200 },
    );
    expect(response.status).toBe(200);
    const rows = await platform.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(response.body.job_id);
    expect(rows[0].dispatched_at).not.toBeNull();
  });
});
