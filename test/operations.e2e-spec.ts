import { RedisServer, TestPlatform } from '@lib/testing';
import type { AppProcess } from '@lib/testing';

describe('what an operator can probe', () => {
  const platform = new TestPlatform('operations');
  let apps: Record<'api' | 'worker' | 'scheduler', AppProcess>;

  beforeAll(async () => {
    apps = {
      api: await platform.start('api'),
      worker: await platform.start('worker'),
      scheduler: await platform.start('scheduler'),
    };
  });
  afterAll(() => platform.stop());

  it.each(['api', 'worker', 'scheduler'] as const)(
    '%s answers liveness and readiness',
    async (name) => {
      const live = await apps[name].get('/health');
      expect(live.status).toBe(200);
      expect(live.json()).toEqual({ status: 'ok' });
      const ready = await apps[name].get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.json()).toMatchObject({
        status: 'ok',
        details: {
          redis: { status: 'up', maxmemory_policy: 'noeviction' },
          postgres: { status: 'up', migrations: 'applied' },
        },
      });
    },
  );

  it('is not ready while a migration is pending', async () => {
    const [applied] = await platform.database.query('SELECT * FROM migrations ORDER BY id DESC');
    await platform.database.query('DELETE FROM migrations WHERE id = $1', [applied.id]);
    try {
      const ready = await apps.api.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.json().error.postgres.message).toBe(
        'migrations are pending (npm run migration:run)',
      );
    } finally {
      await platform.database.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [
        applied.timestamp,
        applied.name,
      ]);
    }
    expect((await apps.api.get('/health/ready')).status).toBe(200);
  });

  it('counts jobs and requests in Prometheus format', async () => {
    const ok = await platform.createJob({ type: 'sleep', payload: { ms: 5 } });
    const flaky = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 1 },
      backoff: { type: 'fixed', delay_ms: 10 },
    });
    const broken = await platform.createJob({
      type: 'truncate_table',
      payload: { table: 'daily_stats' },
    });
    await platform.waitForStatus(ok, ['completed']);
    await platform.waitForStatus(flaky, ['completed']);
    await platform.waitForStatus(broken, ['failed']);
    await platform.get(`/job-status/${ok}`);

    const api = await apps.api.get('/metrics');
    expect(api.status).toBe(200);
    expect(api.text).toContain('jobs_created_total{type="sleep",queue="default"} 2');
    expect(api.text).toContain('jobs_created_total{type="truncate_table",queue="default"} 1');
    expect(api.text).toContain(
      'http_requests_total{method="POST",route="/create-jobs",status="202"} 3',
    );
    expect(api.text).toMatch(
      /http_requests_total\{method="GET",route="\/job-status\/:id",status="200"\} \d+/,
    );
    expect(api.text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="POST"/);
    expect(api.text).toMatch(/queue_jobs\{queue="default",state="completed"\} 2/);
    expect(api.text).toContain('process_resident_memory_bytes');

    const worker = await apps.worker.get('/metrics');
    expect(worker.text).toContain('jobs_completed_total{type="sleep",queue="default"} 2');
    expect(worker.text).toContain('jobs_retried_total{type="sleep",queue="default"} 1');
    expect(worker.text).toContain('jobs_failed_total{type="truncate_table",queue="default"} 1');
    expect(worker.text).toContain('job_run_duration_seconds_count{type="sleep",queue="default"} 3');
    expect(worker.text).toContain(
      'job_wait_duration_seconds_count{type="sleep",queue="default"} 2',
    );
  });
});

describe('readiness when Redis is not fit for BullMQ', () => {
  let redis: RedisServer;
  let platform: TestPlatform;
  let api: AppProcess;
  let worker: AppProcess;

  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('readiness', { REDIS_URL: redis.url });
    api = await platform.start('api');
    worker = await platform.start('worker');
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  it('names Redis when its eviction policy could drop jobs: 503 in the worker, degraded in the API', async () => {
    await redis.command('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    const workerReady = await worker.get('/health/ready');
    expect(workerReady.status).toBe(503);
    expect(workerReady.json().error.redis.message).toContain('maxmemory-policy is allkeys-lru');
    const apiReady = await api.get('/health/ready');
    expect(apiReady.status).toBe(200);
    expect(apiReady.json().status).toBe('degraded');
    await redis.command('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    expect((await worker.get('/health/ready')).status).toBe(200);
    expect((await api.get('/health/ready')).json().status).toBe('ok');
  });

  it('names Redis when it is down: 503 in the worker, degraded in the API; liveness stays 200', async () => {
    await redis.kill();
    const workerReady = await worker.get('/health/ready');
    expect(workerReady.status).toBe(503);
    expect(workerReady.json().error.redis.status).toBe('down');
    expect(workerReady.json().details.postgres.status).toBe('up');
    const apiReady = await api.get('/health/ready');
    expect(apiReady.status).toBe(200);
    expect(apiReady.json()).toMatchObject({
      status: 'degraded',
      error: { redis: { status: 'down' } },
      info: { postgres: { status: 'up' } },
    });
    expect((await api.get('/health')).status).toBe(200);
    expect((await worker.get('/health')).status).toBe(200);
  });
});
