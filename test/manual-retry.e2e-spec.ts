import { TestPlatform } from '@lib/testing';

describe('retrying a job by hand', () => {
  const platform = new TestPlatform('manual-retry', {
    TRUNCATE_ALLOWED_TABLES: 'public.daily_stats',
  });

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker', { WORKER_QUEUES: 'high,default' });
  });
  afterAll(() => platform.stop());

  const retry = (id: string) => platform.post(`/jobs/${id}/retry`, {});

  it('queues a failed job again with the same payload, and it can now complete', async () => {
    const id = await platform.createJob({
      type: 'truncate_table',
      payload: { table: 'daily_stats' },
    });
    const failed = await platform.waitForStatus(id, ['failed']);
    expect(failed.error.message).toBe('Table public.daily_stats does not exist.');

    await platform.database.query('CREATE TABLE daily_stats (day date)');
    const response = await retry(id);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      job_id: id,
      status: 'queued',
      status_url: `/job-status/${id}`,
    });
    const job = await platform.waitForStatus(id, ['completed']);
    expect(job).toMatchObject({ attempts: 1, payload: { table: 'daily_stats', schema: 'public' } });
    // The failure before the retry stays in the history.
    expect(job.errors).toEqual([failed.error]);
  });

  it('queues a cancelled job again', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'low' });
    expect((await platform.post(`/jobs/${id}/cancel`, {})).body.status).toBe('cancelled');
    const response = await retry(id);
    expect(response.status).toBe(202);
    const job = (await platform.get(`/job-status/${id}`)).body;
    expect(job).toMatchObject({ status: 'queued', cancel_requested_at: null, finished_at: null });
    expect(await platform.queues.keys(`low:${id}`)).toEqual([
      `${platform.queues.prefix}:low:${id}`,
    ]);
  });

  it('refuses any other status with 409 naming it', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    await platform.waitForStatus(id, ['completed']);
    const response = await retry(id);
    expect(response.status).toBe(409);
    expect(response.body.message).toBe(
      `Job ${id} is completed: only a failed or cancelled job can be retried.`,
    );
  });
});
