import { RedisServer, TestPlatform } from '@lib/testing';

const sleep = (ms: number, extra: Record<string, unknown> = {}) => ({
  type: 'sleep',
  payload: { ms },
  ...extra,
});

describe('creating jobs in a batch', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  // Its own Redis, so that the commands one batch sends can be counted; a tenant window
  // as large as a batch, so that a whole batch has room in Redis (fair-sharing.e2e-spec
  // shows what a full window holds back).
  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('bulk-create', { REDIS_URL: redis.url, TENANT_WINDOW: '1000' });
    await platform.start('api');
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  const rowCount = async () =>
    (await platform.database.query<{ n: number }>('SELECT count(*)::int AS n FROM job_statuses'))[0]
      .n;
  // Script calls so far: EVAL the first time a script runs on this Redis, EVALSHA after.
  const scriptCalls = async () => {
    const stats = String(await redis.command('INFO', 'commandstats'));
    const calls = (command: string) =>
      Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    return calls('eval') + calls('evalsha');
  };

  it('answers one result per job, in order, each as the job would be answered alone', async () => {
    const earlier = await platform.post('/create-jobs', sleep(1, { idempotency_key: 'earlier' }));
    const invalidAlone = await platform.post('/create-jobs', sleep(-5));
    const unknownAlone = await platform.post('/create-jobs', { type: 'nope', payload: {} });
    const before = await rowCount();

    const response = await platform.post('/create-jobs', {
      jobs: [
        sleep(1),
        sleep(-5),
        { type: 'nope', payload: {} },
        sleep(1, { idempotency_key: 'earlier' }),
        sleep(1, { idempotency_key: 'in-batch' }),
        sleep(1, { idempotency_key: 'in-batch' }),
        sleep(2, { idempotency_key: 'in-batch' }),
        sleep(1, { delay_ms: 10, run_at: '2030-01-01T00:00:00Z' }),
        { type: 'sleep', payload: { message: 'nul \u0000 here' } },
        'not an object',
      ],
    });

    expect(response.status).toBe(200);
    const results = response.body.results;
    expect(results.map((r: { status_code: number }) => r.status_code)).toEqual([
      202, 400, 400, 200, 202, 200, 409, 400, 400, 400,
    ]);
    expect(results.map((r: { result: string }) => r.result)).toEqual([
      'created',
      'refused',
      'refused',
      'replayed',
      'created',
      'replayed',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    expect(results[0]).toMatchObject({
      status: 'queued',
      status_url: `/job-status/${results[0].job_id}`,
    });
    expect(results[1].error).toEqual(invalidAlone.body);
    expect(results[2].error).toEqual(unknownAlone.body);
    expect(results[3].job_id).toBe(earlier.body.job_id);
    expect(results[5].job_id).toBe(results[4].job_id);
    expect(results[6].error.message).toContain('in-batch');
    expect(results[7].error.message).toContain('delay_ms and run_at');
    expect(results[8].error.message).toContain('body.payload.message');
    expect(results[9].error.statusCode).toBe(400);
    expect(results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual([
      undefined,
      'invalid_payload',
      'unknown_job_type',
      undefined,
      undefined,
      undefined,
      'idempotency_conflict',
      'exclusive_delay',
      'unstorable_text',
      'invalid_request',
    ]);
    // Only the two created jobs were written.
    expect((await rowCount()) - before).toBe(2);
  });

  it('records a batch in one statement and adds each job to Redis with one command', async () => {
    const scriptsBefore = await scriptCalls();
    const response = await platform.post('/create-jobs', {
      jobs: Array.from({ length: 500 }, (_, n) => sleep(n % 7)),
    });
    expect(response.status).toBe(200);
    const ids = response.body.results.map((r: { job_id: string }) => r.job_id);
    expect(new Set(ids).size).toBe(500);
    // One INSERT is one transaction: every row carries its id.
    const transactions = await platform.database.query(
      'SELECT DISTINCT xmin::text FROM job_statuses WHERE id = ANY($1)',
      [ids],
    );
    expect(transactions).toHaveLength(1);
    // BullMQ's add script, once per job (sent together as one pipeline), and nothing else.
    expect((await scriptCalls()) - scriptsBefore).toBe(500);
  });

  it('runs the jobs of a batch like any other', async () => {
    const worker = await platform.start('worker');
    try {
      const response = await platform.post('/create-jobs', {
        jobs: [sleep(1), sleep(1, { queue: 'high' }), sleep(1, { queue: 'low' })],
      });
      const ids: string[] = response.body.results.map((r: { job_id: string }) => r.job_id);
      for (const id of ids) {
        await platform.waitForStatus(id, ['completed']);
      }
    } finally {
      await worker.stop('SIGTERM');
    }
  });

  it.each([
    [{ jobs: [] }, 'jobs must be an array of 1 to 1000 job requests, got 0 jobs.'],
    [{ jobs: 'x' }, 'jobs must be an array of 1 to 1000 job requests, got "x".'],
    [
      { jobs: Array.from({ length: 1001 }, () => sleep(1)) },
      'jobs must be an array of 1 to 1000 job requests, got 1001 jobs.',
    ],
    [
      { jobs: [sleep(1)], queue: 'high' },
      'A batch takes only "jobs"; remove "queue" (job options go on each job).',
    ],
  ])('refuses a malformed batch %#, writing nothing', async (body, message) => {
    const before = await rowCount();
    const response = await platform.post('/create-jobs', body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message,
      code: 'invalid_batch',
    });
    expect(await rowCount()).toBe(before);
  });
});
