import { TestPlatform, eachQueueBackend, waitFor } from '@lib/testing';

eachQueueBackend('a worker that stops in the middle of a job, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('worker-failures', {
    ...env,
    WORKER_STALL_TIMEOUT_MS: '1500',
  });
  const startWorker = () => platform.start('worker');

  beforeAll(() => platform.start('api'));
  afterEach(() => platform.kill('worker'));
  afterAll(() => platform.stop());

  const runningJob = async (ms: number) => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms } });
    return platform.waitForStatus(id, ['running']);
  };
  const takenOver = (job: { id: string; started_at: string }) =>
    waitFor(
      `job ${job.id} to be taken over by another worker`,
      () => platform.get(`/job-status/${job.id}`),
      (r) => r.body.status === 'running' && r.body.started_at !== job.started_at,
    );

  it('lets a running job finish on SIGTERM, then exits 0', async () => {
    const worker = await startWorker();
    const job = await runningJob(1500);
    const exit = await worker.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    const after = (await platform.get(`/job-status/${job.id}`)).body;
    expect(after.status).toBe('completed');
  });

  it('hands the job of a SIGKILLed worker to a live worker', async () => {
    const doomed = await startWorker();
    const job = await runningJob(2000);
    await doomed.stop('SIGKILL');
    await startWorker();
    await takenOver(job);
    const done = await platform.waitForStatus(job.id, ['completed']);
    expect(done.result.slept_ms).toBe(2000);
  });

  it('fails a job whose workers keep dying, saying it stalled', async () => {
    const first = await startWorker();
    const job = await runningJob(60_000);
    await first.stop('SIGKILL');
    const second = await startWorker();
    await takenOver(job);
    await second.stop('SIGKILL');

    await startWorker();
    const failed = await platform.waitForStatus(job.id, ['failed']);
    expect(failed.error).toMatchObject({ name: 'StalledJobError', permanent: true });
    expect(failed.error.message).toContain('job stalled more than allowable limit');
  });
});
