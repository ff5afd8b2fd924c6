import { TestPlatform, waitFor } from '@lib/testing';

describe('retention', () => {
  const platform = new TestPlatform('retention');

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker', { WORKER_QUEUES: 'default' });
  });
  afterAll(() => platform.stop());

  const finishedDaysAgo = (id: string, days: number) =>
    platform.database.query(
      `UPDATE job_statuses SET finished_at = now() - make_interval(days => $2) WHERE id = $1`,
      [id, days],
    );
  const statusOf = async (id: string) => (await platform.get(`/job-status/${id}`)).status;

  it('deletes the statuses of jobs finished longer ago than JOB_RETENTION_DAYS, and only those', async () => {
    const completed = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    const failed = await platform.createJob({
      type: 'sleep',
      payload: { ms: 0, fail_attempts: 1 },
      max_attempts: 1,
    });
    const cancelled = await platform.createJob({ type: 'sleep', payload: { ms: 0 }, queue: 'low' });
    await platform.post(`/jobs/${cancelled}/cancel`, {});
    const recent = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    const waiting = await platform.createJob({ type: 'sleep', payload: { ms: 0 }, queue: 'low' });
    await platform.waitForStatus(completed, ['completed']);
    await platform.waitForStatus(failed, ['failed']);
    await platform.waitForStatus(recent, ['completed']);
    for (const id of [completed, failed, cancelled]) {
      await finishedDaysAgo(id, 8);
    }
    await finishedDaysAgo(recent, 6);
    // Only the platform's own days have partitions: this one is made for the test.
    await platform.database.query(
      `SELECT job_statuses_create_partitions(day, day)
       FROM (SELECT ((now() - interval '30 days') AT TIME ZONE 'UTC')::date AS day) AS days`,
    );
    await platform.database.query(
      `UPDATE job_statuses SET created_at = now() - interval '30 days' WHERE id = $1`,
      [waiting],
    );
    // More than one batch of expired rows.
    await platform.database.query(
      `INSERT INTO job_statuses (id, type, queue, status, payload, max_attempts, backoff, finished_at)
       SELECT gen_random_uuid(), 'sleep', 'default', 'completed', '{"ms": 0}', 1,
              '{"type": "fixed", "delay_ms": 1}', now() - interval '10 days'
       FROM generate_series(1, 1200)`,
    );

    await platform.start('scheduler', {
      JOB_RETENTION_DAYS: '7',
      JOB_RETENTION_SWEEP_MS: '200',
      SCHEDULER_CATCHUP_MS: '0',
    });
    await waitFor(
      'the expired jobs to be deleted',
      () => statusOf(completed),
      (status) => status === 404,
    );
    await waitFor(
      'every expired job to be deleted',
      () =>
        platform.database.query<{ n: string }>(
          `SELECT count(*) AS n FROM job_statuses WHERE finished_at < now() - interval '7 days'`,
        ),
      ([{ n }]) => n === '0',
    );

    for (const id of [completed, failed, cancelled]) {
      expect(await statusOf(id)).toBe(404);
    }
    expect(await statusOf(recent)).toBe(200);
    expect(await statusOf(waiting)).toBe(200);
    const body = (await platform.get(`/job-status/${completed}`)).body;
    expect(body.message).toBe(`Job ${completed} does not exist (or has been deleted).`);
  });
});
