import { randomUUID } from 'node:crypto';
import {
  BadRequestError,
  ConflictError,
  JobsClient,
  NotFoundError,
  WaitTimeoutError,
} from '@lib/client';
import { TestPlatform, eachQueueBackend, freePort } from '@lib/testing';
import type { AppProcess } from '@lib/testing';

eachQueueBackend('the typed client, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('client', env);
  let client: JobsClient;
  let port: string;
  let api: AppProcess;

  beforeAll(async () => {
    port = String(await freePort());
    api = await platform.start('api', { PORT: port });
    // `low` is not served, so jobs there stay queued.
    await platform.start('worker', { WORKER_QUEUES: 'high,default' });
    client = new JobsClient({ baseUrl: `http://127.0.0.1:${port}/`, apiKey: platform.apiKey });
  });
  afterAll(() => platform.stop());

  it('creates a job, reads and lists it, and waits for its result over the event stream', async () => {
    const created = await client.createJob({ type: 'sleep', payload: { ms: 300, message: 'hi' } });
    expect(created).toMatchObject({
      status: 'queued',
      status_url: `/job-status/${created.job_id}`,
    });

    const done = await client.waitForCompletion<{ message: string }>(created.job_id, {
      timeoutMs: 10_000,
    });
    expect(done).toMatchObject({ status: 'completed', result: { message: 'hi' } });
    expect((await client.getStatus(created.job_id)).status).toBe('completed');
    const page = await client.listJobs({ type: 'sleep', limit: 1 });
    expect(page.jobs.map((job) => job.id)).toEqual([created.job_id]);
  });

  it('creates jobs in a batch, each created, replayed or refused on its own', async () => {
    const keyed = { type: 'sleep', payload: { ms: 0 }, idempotency_key: 'client-batch' };
    const results = await client.createJobs([keyed, { type: 'sleep', payload: { ms: -1 } }, keyed]);
    expect(results.map((result) => result.result)).toEqual(['created', 'refused', 'replayed']);
    const [created, refused, replayed] = results;
    expect(refused).toMatchObject({
      status_code: 400,
      error: { message: 'payload.ms must be an integer from 0 to 3600000, got -1.' },
    });
    if (created.result === 'refused' || replayed.result === 'refused') {
      throw new Error('expected the keyed job to be created, then replayed');
    }
    expect(replayed.job_id).toBe(created.job_id);
    await client.waitForCompletion(created.job_id, { timeoutMs: 10_000 });
    await expect(client.createJobs([])).rejects.toBeInstanceOf(BadRequestError);
  });

  it('cancels and retries', async () => {
    const { job_id } = await client.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'low' });
    expect(await client.cancel(job_id)).toEqual({ job_id, status: 'cancelled' });
    expect((await client.retry(job_id)).status).toBe('queued');
    await expect(client.retry(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('throws typed errors carrying the API’s message', async () => {
    const refused = client.createJob({ type: 'sleep', payload: { ms: -1 } });
    await expect(refused).rejects.toBeInstanceOf(BadRequestError);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      code: 'invalid_payload',
      message: 'payload.ms must be an integer from 0 to 3600000, got -1.',
    });
    const { job_id } = await client.createJob({ type: 'sleep', payload: { ms: 0 } });
    await client.waitForCompletion(job_id, { timeoutMs: 10_000 });
    await expect(client.cancel(job_id)).rejects.toBeInstanceOf(ConflictError);
    await expect(
      client.waitForCompletion(randomUUID(), { timeoutMs: 5_000 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives up after timeoutMs with the last status it saw', async () => {
    const { job_id } = await client.createJob({ type: 'sleep', payload: { ms: 60_000 } });
    const waiting = client.waitForCompletion(job_id, { timeoutMs: 1_000 });
    await expect(waiting).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(waiting).rejects.toMatchObject({ jobId: job_id });
    await client.cancel(job_id);
  });

  it('falls back to polling when the event stream breaks, riding out an API restart', async () => {
    const { job_id } = await client.createJob({ type: 'sleep', payload: { ms: 4_000 } });
    await platform.waitForStatus(job_id, ['running']);
    const waiting = client.waitForCompletion(job_id, {
      timeoutMs: 20_000,
      pollIntervalMs: 100,
      maxPollIntervalMs: 400,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await platform.start('api', { PORT: port });

    expect(await waiting).toMatchObject({ id: job_id, status: 'completed' });
  });
});
