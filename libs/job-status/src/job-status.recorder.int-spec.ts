import { randomUUID } from 'node:crypto';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import { JobStatus } from './job-status.entity';
import { JobStatusRecorder } from './job-status.recorder';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

const error: JobError = { message: 'boom', permanent: false, name: 'Error', attempt: 1, at: 'now' };

describe('JobStatusRecorder against Postgres', () => {
  const database = new TestDatabase('recorder');
  let dataSource: DataSource;
  let recorder: JobStatusRecorder;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    recorder = new JobStatusRecorder(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const newJob = async (idempotencyKey: string | null = null) => {
    const id = randomUUID();
    const created = await recorder.create({
      id,
      tenantId: 'default',
      type: 'sleep',
      queue: 'default',
      priority: 0,
      status: 'queued',
      payload: { ms: 1 },
      result: null,
      error: null,
      progress: null,
      attempts: 0,
      maxAttempts: 3,
      timeoutMs: 60_000,
      backoff: { type: 'fixed', delay_ms: 10 },
      runAt: null,
      idempotencyKey,
      requestHash: idempotencyKey && 'hash',
      scheduleName: null,
      scheduledFor: null,
      leaseId: null,
      dispatchedAt: null,
      startedAt: null,
      finishedAt: null,
    });
    return { id, created };
  };
  const load = (id: string) => dataSource.getRepository(JobStatus).findOneByOrFail({ id });

  it('records an attempt and its outcome under the attempt’s lease', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    expect(await recorder.startAttempt(id, lease, 1)).toBe(true);
    expect(await recorder.reportProgress(id, lease, 40)).toBe(true);
    expect(
      await recorder.finishAttempt(id, lease, { status: 'completed', result: { ok: 1 } }),
    ).toBe(true);
    const job = await load(id);
    expect(job).toMatchObject({
      status: 'completed',
      attempts: 1,
      progress: 40,
      result: { ok: 1 },
    });
    expect(job.finishedAt).toBeInstanceOf(Date);
  });

  it('refuses the outcome of a worker whose job was taken over', async () => {
    const { id } = await newJob();
    const stale = randomUUID();
    const current = randomUUID();
    await recorder.startAttempt(id, stale, 1);
    await recorder.startAttempt(id, current, 1);
    expect(await recorder.finishAttempt(id, current, { status: 'failed', error })).toBe(true);
    expect(await recorder.finishAttempt(id, stale, { status: 'completed', result: 'late' })).toBe(
      false,
    );
    expect(await recorder.reportProgress(id, stale, 99)).toBe(false);
    expect(await load(id)).toMatchObject({ status: 'failed', result: null, error });
  });

  it('refuses to start an attempt of a job that already has a final status', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    await recorder.startAttempt(id, lease, 1);
    await recorder.finishAttempt(id, lease, { status: 'completed', result: null });
    expect(await recorder.startAttempt(id, randomUUID(), 2)).toBe(false);
    expect(await recorder.failAbandoned(id, error)).toBe(false);
    expect((await load(id)).status).toBe('completed');
  });

  it('keeps a retrying job startable and records when it runs next', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    const retryAt = new Date(Date.now() + 60_000);
    await recorder.startAttempt(id, lease, 1);
    await recorder.finishAttempt(id, lease, { status: 'retrying', error, retryAt });
    const retrying = await load(id);
    expect(retrying).toMatchObject({ status: 'retrying', error, finishedAt: null });
    expect(retrying.runAt?.getTime()).toBe(retryAt.getTime());
    expect(await recorder.startAttempt(id, randomUUID(), 2)).toBe(true);
  });

  it('writes nothing for an idempotency key already used', async () => {
    expect((await newJob('key-1')).created).toBe(true);
    expect((await newJob('key-1')).created).toBe(false);
    const rows = await database.query(
      "SELECT id FROM job_statuses WHERE idempotency_key = 'key-1'",
    );
    expect(rows).toHaveLength(1);
  });

  it('does not deadlock when two processes write the same jobs in opposite orders', async () => {
    // A second connection pool stands for another process (the API beside a worker).
    const other = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    const api = new JobStatusRecorder(other);
    try {
      for (let round = 0; round < 5; round++) {
        const ids = (await Promise.all(Array.from({ length: 200 }, () => newJob()))).map(
          (j) => j.id,
        );
        const reversed = [...ids].reverse();
        await Promise.all([
          ...ids.map((id) => api.markDispatched(id)),
          ...reversed.map((id) => recorder.startAttempt(id, randomUUID(), 1)),
        ]);
      }
    } finally {
      await other.destroy();
    }
  });

  it('batches concurrent writes into a few statements', async () => {
    const jobs = await Promise.all(Array.from({ length: 300 }, () => newJob()));
    const query = jest.spyOn(dataSource, 'query');
    const started = await Promise.all(
      jobs.map(({ id }) => recorder.startAttempt(id, randomUUID(), 1)),
    );
    expect(started.every(Boolean)).toBe(true);
    expect(query.mock.calls.length).toBeLessThanOrEqual(5);
    query.mockRestore();
    const running = await database.query(
      "SELECT count(*)::int AS n FROM job_statuses WHERE status = 'running'",
    );
    expect(running[0].n).toBeGreaterThanOrEqual(300);
  });
});
