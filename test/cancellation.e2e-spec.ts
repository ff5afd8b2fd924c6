import { TestPlatform, eachQueueBackend, waitFor } from '@lib/testing';
import { Client } from 'pg';

eachQueueBackend('cancelling a job, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('cancellation', {
    ...env,
    WORKER_STALL_TIMEOUT_MS: '1500',
  });
  const startWorker = () => platform.start('worker');

  beforeAll(() => platform.start('api'));
  afterEach(() => platform.kill('worker'));
  afterAll(() => platform.stop());

  const cancel = (id: string) => platform.post(`/jobs/${id}/cancel`, {});
  const staysCancelled = async (id: string, forMs: number) => {
    await new Promise((resolve) => setTimeout(resolve, forMs));
    const job = (await platform.get(`/job-status/${id}`)).body;
    expect(job).toMatchObject({ status: 'cancelled', attempts: expect.any(Number) });
    return job;
  };

  it('cancels a queued job at once and removes it from the queue', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'low' });
    const response = await cancel(id);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ job_id: id, status: 'cancelled' });
    expect(await platform.holdsQueuedCopy('low', id)).toBe(false);
    await startWorker();
    expect((await staysCancelled(id, 500)).attempts).toBe(0);
  });

  it('cancels a scheduled job, which then never runs', async () => {
    await startWorker();
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, delay_ms: 800 });
    const response = await platform.send('DELETE', `/jobs/${id}`);
    expect(response.status).toBe(200);
    expect((await staysCancelled(id, 1500)).started_at).toBeNull();
  });

  it('cancels a job waiting for its retry, which is not retried', async () => {
    await startWorker();
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 1 },
      backoff: { type: 'fixed', delay_ms: 1000 },
    });
    await platform.waitForStatus(id, ['retrying']);
    expect((await cancel(id)).body.status).toBe('cancelled');
    expect((await staysCancelled(id, 1500)).attempts).toBe(1);
  });

  it('aborts a job running on another worker process, without retrying it', async () => {
    await startWorker();
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 60_000 } });
    await platform.waitForStatus(id, ['running']);
    const response = await cancel(id);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ job_id: id, status: 'cancelling' });
    expect((await platform.get(`/job-status/${id}`)).body.cancel_requested_at).not.toBeNull();
    const job = await platform.waitForStatus(id, ['cancelled'], 5000);
    expect(job).toMatchObject({ attempts: 1, result: null });
    expect((await staysCancelled(id, 500)).attempts).toBe(1);
  });

  it('ends a job cancelled while its worker died once another worker picks it up', async () => {
    const doomed = await startWorker();
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 60_000 } });
    await platform.waitForStatus(id, ['running']);
    await doomed.stop('SIGKILL');
    expect((await cancel(id)).status).toBe(202);
    await startWorker();
    await platform.waitForStatus(id, ['cancelled']);
  });

  it('stops a truncate_table waiting for its lock, leaving the table as it was', async () => {
    await startWorker();
    await platform.database.query('CREATE TABLE daily_stats (day date)');
    await platform.database.query("INSERT INTO daily_stats VALUES ('2026-11-22')");
    const reader = new Client({ connectionString: platform.database.url });
    await reader.connect();
    try {
      // A long reader holds a lock that TRUNCATE must wait for (up to its 30 s lock_timeout).
      await reader.query('BEGIN');
      await reader.query('LOCK TABLE daily_stats IN ACCESS SHARE MODE');
      const id = await platform.createJob({
        type: 'truncate_table',
        payload: { table: 'daily_stats' },
      });
      await waitFor(
        'the TRUNCATE to wait for its lock',
        () =>
          platform.database.query(
            "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'TRUNCATE%' AND wait_event_type = 'Lock'",
          ),
        (rows) => rows.length === 1,
      );
      expect((await cancel(id)).body.status).toBe('cancelling');
      expect(
        await platform.waitForStatus(id, ['cancelled', 'completed', 'failed'], 5_000),
      ).toMatchObject({
        status: 'cancelled',
        attempts: 1,
      });
    } finally {
      await reader.query('ROLLBACK');
      await reader.end();
    }
    expect(await platform.database.query('SELECT day FROM daily_stats')).toHaveLength(1);
  });

  it('refuses to cancel a finished job with 409 naming its status', async () => {
    await startWorker();
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    await platform.waitForStatus(id, ['completed']);
    const response = await cancel(id);
    expect(response.status).toBe(409);
    expect(response.body.message).toBe(
      `Job ${id} is already completed: only a job that has not finished can be cancelled.`,
    );
    const again = await waitFor(
      'a second cancel',
      () => cancel(id),
      (r) => r.status === 409,
    );
    expect(again.body.message).toContain('already completed');
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    expect((await cancel('6f1c1b8e-8a53-4d6c-9d0e-3a4c5b6d7e8f')).status).toBe(404);
    expect((await cancel('nope')).status).toBe(400);
  });
});
