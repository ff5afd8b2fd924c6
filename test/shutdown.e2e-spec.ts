import { RedisServer, TestPlatform } from '@lib/testing';

describe('stopping the apps', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('shutdown', {
      REDIS_URL: redis.url,
      WORKER_STALL_TIMEOUT_MS: '1500',
    });
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  it('lets the API finish a request in flight on SIGTERM, then exits 0', async () => {
    const api = await platform.start('api');
    redis.freeze(); // the readiness probe now waits for its 1.5 s timeout
    const inFlight = api.get('/health/ready');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = api.stop('SIGTERM');
    const response = await inFlight.finally(() => redis.thaw());
    // Answered, not cut off: Redis timed out, which leaves the API degraded, not down.
    expect(response.status).toBe(200);
    expect(response.json().status).toBe('degraded');
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it.each(['worker', 'scheduler'] as const)(
    'stops the %s on SIGINT with status 0',
    async (name) => {
      const app = await platform.start(name);
      expect(await app.stop('SIGINT')).toEqual({ code: 0, signal: null });
    },
  );

  it('hands a job still running after SHUTDOWN_GRACE_MS back to the queue for another worker', async () => {
    await platform.start('api');
    const impatient = await platform.start('worker', { SHUTDOWN_GRACE_MS: '300' });
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 3000 } });
    await platform.waitForStatus(id, ['running']);
    expect(await impatient.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(impatient.logs()).toContain('did not finish within SHUTDOWN_GRACE_MS');

    await platform.start('worker');
    const job = await platform.waitForStatus(id, ['completed']);
    // Handed back, not failed: the same attempt ran again from the start.
    expect(job).toMatchObject({ attempts: 1, error: null, result: { slept_ms: 3000 } });
  });
});
