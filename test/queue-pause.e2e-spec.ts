import { FAST_RECOVERY, RedisServer, TestPlatform, waitFor } from '@lib/testing';

describe('pausing a queue across workers', () => {
  const platform = new TestPlatform('queue_pause');

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
    await platform.start('worker');
  });
  afterAll(() => platform.stop());

  const burst = (count: number, queue: string) =>
    Promise.all(
      Array.from({ length: count }, () =>
        platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue }),
      ),
    );
  const statusesOf = async (ids: readonly string[]) =>
    (
      await platform.database.query<{ status: string; started_at: Date | null }>(
        'SELECT status, started_at FROM job_statuses WHERE id = ANY($1)',
        [ids],
      )
    ).map(({ status, started_at }) => ({ status, started: started_at !== null }));

  it('holds a paused queue in every worker while other queues run, then runs it once resumed', async () => {
    const paused = await platform.post('/queues/default/pause', {});
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ queue: 'default', paused: true });

    const held = await burst(6, 'default');
    const others = await burst(6, 'high');
    expect(await platform.settlement(others)).toMatchObject({ notCompleted: [] });
    // Both workers have fetched since (the high jobs ran) and poll every second when idle.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await statusesOf(held)).toEqual(held.map(() => ({ status: 'queued', started: false })));
    // What an autoscaler reads: the held jobs, and how long the oldest has waited.
    const metrics = (await platform.apps('worker')[0].get('/metrics')).text;
    expect(metrics).toContain('queue_backlog{queue="default"} 6');
    expect(
      Number(/queue_oldest_waiting_seconds\{queue="default"\} ([\d.]+)/.exec(metrics)?.[1]),
    ).toBeGreaterThan(1);

    const resumed = await platform.post('/queues/default/resume', {});
    expect(resumed.body).toEqual({ queue: 'default', paused: false });
    expect(await platform.settlement(held)).toMatchObject({ notCompleted: [] });
  });

  it('records who paused and resumed in the audit log', async () => {
    await waitFor(
      'the pause and resume entries',
      () =>
        platform.database.query(
          "SELECT action, detail FROM audit_log WHERE action LIKE 'queue.%' ORDER BY seq",
        ),
      (entries) => entries.length === 2,
    );
    expect(
      await platform.database.query(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'queue.%' ORDER BY seq",
      ),
    ).toEqual([
      { action: 'queue.pause', detail: { queue: 'default' } },
      { action: 'queue.resume', detail: { queue: 'default' } },
    ]);
  });

  it('needs the admin scope, and names the known queues for an unknown one', async () => {
    const key = await platform.createApiKey({ tenant: 'default', scopes: 'jobs:create,jobs:read' });
    const refused = await platform.post(
      '/queues/default/pause',
      {},
      { headers: platform.authorization(key.token) },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('scope_missing');

    const unknown = await platform.post('/queues/urgent/pause', {});
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('unknown_queue');
    expect(unknown.body.message).toContain('urgent');
  });
});

describe('a paused queue when Redis loses its data', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('queue_pause_loss', { REDIS_URL: redis.url, ...FAST_RECOVERY });
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  it('stays paused after FLUSHALL: recovery pauses it again before handing its jobs back', async () => {
    expect((await platform.post('/queues/low/pause', {})).status).toBe(200);
    const held = await Promise.all(
      Array.from({ length: 4 }, () =>
        platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'low' }),
      ),
    );
    expect(await redis.command('FLUSHALL')).toBe('OK');
    // The jobs are handed back to the emptied Redis; a job on high shows the worker runs.
    await waitFor(
      'the lost jobs to be handed back',
      () => redis.command('EXISTS', `${platform.queues.prefix}:low:${held[0]}`),
      (exists) => exists === 1,
    );
    const probe = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'high' });
    await platform.waitForStatus(probe, ['completed']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const rows = await platform.database.query<{ status: string }>(
      'SELECT status FROM job_statuses WHERE id = ANY($1)',
      [held],
    );
    expect(rows.map((row) => row.status)).toEqual(held.map(() => 'queued'));

    expect((await platform.post('/queues/low/resume', {})).body.paused).toBe(false);
    expect(await platform.settlement(held)).toMatchObject({ notCompleted: [] });
  });
});
