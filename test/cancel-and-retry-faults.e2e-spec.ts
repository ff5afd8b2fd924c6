import { Redis } from 'ioredis';
import { RedisServer, TestPlatform, waitFor } from '@lib/testing';

describe('cancel and retry when Redis does not carry the news', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('cancel-retry-faults', {
      REDIS_URL: redis.url,
      HANDOFF_SWEEP_MS: '200',
      TRUNCATE_ALLOWED_TABLES:
        'public.daily_stats,public.retried_at_once,public.retried_while_down',
    });
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  it('cancels a running job whose Redis cancel message was lost, within 2 s', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 60_000 } });
    await platform.waitForStatus(id, ['running']);
    // One connection of our own stays open to undo this; the worker's listener is cut off
    // and cannot come back while Redis takes no new client.
    const admin = new Redis(redis.url);
    try {
      await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      const clients = String(await admin.call('CLIENT', 'LIST'))
        .trim()
        .split('\n').length;
      await admin.call('CONFIG', 'SET', 'maxclients', String(clients));
      const cancelledAt = Date.now();
      const response = await platform.post(`/jobs/${id}/cancel`, {});
      expect(response.body.status).toBe('cancelling');
      const done = await platform.waitForStatus(id, ['cancelled', 'completed'], 5000);
      expect(done.status).toBe('cancelled');
      expect(Date.now() - cancelledAt).toBeLessThan(2500);
    } finally {
      await admin.call('CONFIG', 'SET', 'maxclients', '10000');
      admin.disconnect();
    }
  });

  // Fails for good while its table is missing, completes once it exists.
  const failedTruncate = async (table: string) => {
    const id = await platform.createJob({ type: 'truncate_table', payload: { table } });
    await waitFor(
      `job ${id} to be failed`,
      () => platform.get(`/job-status/${id}`),
      (r) => r.body.status === 'failed',
      { intervalMs: 5 },
    );
    await platform.database.query(`CREATE TABLE ${table} (day date)`);
    return id;
  };

  it('runs a job retried the moment it shows failed, while its Redis copy may still be locked', async () => {
    const id = await failedTruncate('retried_at_once');
    expect((await platform.post(`/jobs/${id}/retry`, {})).status).toBe(202);
    expect((await platform.post(`/jobs/${id}/retry`, {})).status).toBe(409);
    const done = await platform.waitForStatus(id, ['completed'], 10_000);
    expect(done.attempts).toBe(1);
  });

  it('hands a job retried during a Redis outage over once Redis is back', async () => {
    const id = await failedTruncate('retried_while_down');
    await redis.kill();
    try {
      expect((await platform.post(`/jobs/${id}/retry`, {})).status).toBe(202);
    } finally {
      await redis.restart();
    }
    await platform.waitForStatus(id, ['completed'], 30_000);
  });
});
