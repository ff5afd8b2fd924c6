import { TestPlatform, eachQueueBackend } from '@lib/testing';

eachQueueBackend('a job from creation to its final status, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('lifecycle', {
    ...env,
    TRUNCATE_ALLOWED_TABLES: 'public.daily_stats,public.missing_table',
  });

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(() => platform.stop());

  it('completes with its result, progress and timestamps', async () => {
    const created = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 300, message: 'hello' },
    });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('queued');
    expect(created.body.status_url).toBe(`/job-status/${created.body.job_id}`);
    expect(created.headers.get('location')).toBe(created.body.status_url);

    const job = await platform.waitForStatus(created.body.job_id, ['completed']);
    expect(job).toMatchObject({
      type: 'sleep',
      queue: 'default',
      attempts: 1,
      max_attempts: 3,
      progress: 100,
      result: { slept_ms: 300, message: 'hello', attempt: 1 },
      error: null,
    });
    expect(Date.parse(job.finished_at) - Date.parse(job.started_at)).toBeGreaterThanOrEqual(300);
    expect(Date.parse(job.started_at)).toBeGreaterThanOrEqual(Date.parse(job.created_at));
  });

  it('retries with backoff until an attempt succeeds', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 2 },
      backoff: { type: 'fixed', delay_ms: 400 },
    });
    const job = await platform.waitForStatus(id, ['completed']);
    expect(job.attempts).toBe(3);
    expect(job.result.attempt).toBe(3);
    expect(job.error).toMatchObject({ attempt: 2, permanent: false, name: 'TransientJobError' });
    // Two waits of 400 ms between the three attempts.
    expect(Date.parse(job.finished_at) - Date.parse(job.created_at)).toBeGreaterThanOrEqual(800);
  });

  it('shows the job as retrying while it waits for its backoff', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 1 },
      backoff: { type: 'fixed', delay_ms: 3000 },
    });
    const job = await platform.waitForStatus(id, ['retrying']);
    expect(job.attempts).toBe(1);
    expect(Date.parse(job.run_at)).toBeGreaterThan(Date.now());
  });

  it('fails once its attempts are used up, keeping every attempt’s error', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 10 },
      max_attempts: 2,
      backoff: { type: 'exponential', delay_ms: 50 },
    });
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job.attempts).toBe(2);
    expect(job.error).toMatchObject({
      attempt: 2,
      permanent: false,
      message: 'Attempt 2 fails on purpose (fail_attempts is 10).',
    });
    expect(job.errors).toEqual([
      expect.objectContaining({
        attempt: 1,
        message: 'Attempt 1 fails on purpose (fail_attempts is 10).',
      }),
      job.error,
    ]);
    expect(job.finished_at).not.toBeNull();
  });

  it('fails at attempt 1 without retrying when the allowed table does not exist', async () => {
    const id = await platform.createJob({
      type: 'truncate_table',
      payload: { table: 'missing_table' },
      max_attempts: 5,
    });
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatchObject({
      permanent: true,
      name: 'PermanentJobError',
      message: 'Table public.missing_table does not exist.',
    });
  });

  it('empties an allowed table that exists', async () => {
    await platform.database.query('CREATE TABLE daily_stats (day date, visits int)');
    await platform.database.query("INSERT INTO daily_stats VALUES ('2026-01-01', 3)");
    const id = await platform.createJob({
      type: 'truncate_table',
      payload: { table: 'daily_stats' },
    });
    const job = await platform.waitForStatus(id, ['completed']);
    expect(job.result).toEqual({ truncated: 'public.daily_stats' });
    expect(await platform.database.query('SELECT * FROM daily_stats')).toEqual([]);
  });

  it('keeps a delayed job scheduled until its time comes', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, delay_ms: 1500 });
    expect((await platform.get(`/job-status/${id}`)).body.status).toBe('scheduled');
    const job = await platform.waitForStatus(id, ['completed']);
    expect(Date.parse(job.started_at) - Date.parse(job.created_at)).toBeGreaterThanOrEqual(1500);
  });

  it('runs a job given run_at no earlier than that time', async () => {
    const runAt = new Date(Date.now() + 1200);
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1 },
      run_at: runAt.toISOString(),
    });
    const job = await platform.waitForStatus(id, ['completed']);
    expect(Date.parse(job.started_at)).toBeGreaterThanOrEqual(runAt.getTime());
  });
});
