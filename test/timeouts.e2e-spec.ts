import { TestPlatform, eachQueueBackend } from '@lib/testing';

eachQueueBackend('an attempt that runs past its timeout, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('timeouts', {
    ...env,
    JOB_MAX_TIMEOUT_MS: '60000',
  });

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(() => platform.stop());

  it('is aborted, counts as a failed attempt, is retried, then fails', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 30_000 },
      timeout_ms: 300,
      max_attempts: 2,
      backoff: { type: 'fixed', delay_ms: 10 },
    });
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job).toMatchObject({ attempts: 2, timeout_ms: 300 });
    expect(job.error).toMatchObject({
      name: 'JobTimeoutError',
      permanent: false,
      attempt: 2,
      message: 'The attempt ran longer than its timeout of 300 ms (timeout_ms).',
    });
    expect(Date.parse(job.finished_at) - Date.parse(job.created_at)).toBeLessThan(10_000);
  });

  it('takes the job type’s default (15 min) when the request gives none, capped by JOB_MAX_TIMEOUT_MS', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    expect((await platform.get(`/job-status/${id}`)).body.timeout_ms).toBe(60_000);
  });

  it('refuses a timeout_ms above JOB_MAX_TIMEOUT_MS', async () => {
    const response = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      timeout_ms: 120_000,
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'timeout_ms must be at most 60000 (JOB_MAX_TIMEOUT_MS), got 120000.',
    );
    expect(await platform.rows()).toHaveLength(2);
  });
});
