import { randomUUID } from 'node:crypto';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import { JobStatus } from './job-status.entity';
import { JobStatusRecorder } from './job-status.recorder';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

const error: JobError = { message: 'boom', permanent: false, name: 'Error', attempt: 1, at: 'now' };
const WORKER = randomUUID();

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

  it('starts an attempt with what Postgres holds, then records its outcome under the lease', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    const started = await recorder.startAttempt(id, lease, WORKER);
    expect(started).toMatchObject({
      id,
      type: 'sleep',
      queue: 'default',
      payload: { ms: 1 },
      attempt: 1,
      maxAttempts: 3,
      timeoutMs: 60_000,
      backoff: { type: 'fixed', delay_ms: 10 },
    });
    expect(await recorder.reportProgress(id, lease, 40)).toBe(true);
    expect(
      await recorder.finishAttempt(id, lease, { status: 'completed', result: { ok: 1 } }),
    ).toBe('completed');
    const job = await load(id);
    expect(job).toMatchObject({
      status: 'completed',
      attempts: 1,
      progress: 40,
      result: { ok: 1 },
      workerId: WORKER,
    });
    expect(job.finishedAt).toBeInstanceOf(Date);
  });

  it('refuses the outcome of a worker whose job was taken over, keeping the attempt number', async () => {
    const { id } = await newJob();
    const stale = randomUUID();
    const current = randomUUID();
    await recorder.startAttempt(id, stale, WORKER);
    expect((await recorder.startAttempt(id, current, WORKER))?.attempt).toBe(1);
    expect(await recorder.finishAttempt(id, current, { status: 'failed', error })).toBe('failed');
    expect(
      await recorder.finishAttempt(id, stale, { status: 'completed', result: 'late' }),
    ).toBeUndefined();
    expect(await recorder.reportProgress(id, stale, 99)).toBe(false);
    expect(await load(id)).toMatchObject({ status: 'failed', result: null, error });
  });

  it('refuses to start an attempt of a job that already has a final status', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    await recorder.startAttempt(id, lease, WORKER);
    await recorder.finishAttempt(id, lease, { status: 'completed', result: null });
    expect(await recorder.startAttempt(id, randomUUID(), WORKER)).toBeUndefined();
    expect(await recorder.failAbandoned(id, error)).toBe(false);
    expect((await load(id)).status).toBe('completed');
  });

  it('keeps a retrying job startable, records when it runs next, and counts the next attempt', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    const retryAt = new Date(Date.now() + 60_000);
    await recorder.startAttempt(id, lease, WORKER);
    await recorder.finishAttempt(id, lease, { status: 'retrying', error, retryAt });
    const retrying = await load(id);
    expect(retrying).toMatchObject({ status: 'retrying', error, finishedAt: null });
    expect(retrying.runAt?.getTime()).toBe(retryAt.getTime());
    expect((await recorder.startAttempt(id, randomUUID(), WORKER))?.attempt).toBe(2);
  });

  it('ends a job cancelled while it ran as cancelled whatever its attempt returned', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    await recorder.startAttempt(id, lease, WORKER);
    expect(await recorder.requestCancel(id)).toBe('running');
    expect(
      await recorder.finishAttempt(id, lease, { status: 'completed', result: { late: true } }),
    ).toBe('cancelled');
    expect(await load(id)).toMatchObject({ status: 'cancelled', result: null });
    expect((await load(id)).finishedAt).toBeInstanceOf(Date);
  });

  it('keeps a completion recorded before the cancel arrived', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    await recorder.startAttempt(id, lease, WORKER);
    await recorder.finishAttempt(id, lease, { status: 'completed', result: 1 });
    expect(await recorder.requestCancel(id)).toBeNull();
    expect(await load(id)).toMatchObject({ status: 'completed', result: 1 });
  });

  it('requeues a final job with a fresh attempt budget and no hand-off yet', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    await recorder.startAttempt(id, lease, WORKER);
    await recorder.finishAttempt(id, lease, { status: 'failed', error });
    await recorder.markDispatched(id);
    expect(await recorder.requeue(id, 'api')).toBe(true);
    expect(await load(id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      leaseId: null,
      dispatchedAt: null,
      errors: [error],
    });
    expect(await recorder.requeue(id, 'api')).toBe(false);
  });

  it('requeues from the dashboard keeping the attempt count and the Redis copy', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    await recorder.startAttempt(id, lease, WORKER);
    await recorder.finishAttempt(id, lease, { status: 'failed', error });
    expect(await recorder.requeue(id, 'dashboard')).toBe(true);
    expect(await load(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await load(id)).dispatchedAt).not.toBeNull();
  });

  it('marks only waiting, dispatched jobs as lost in Redis', async () => {
    const waiting = (await newJob()).id;
    const running = (await newJob()).id;
    await Promise.all([recorder.markDispatched(waiting), recorder.markDispatched(running)]);
    await recorder.startAttempt(running, randomUUID(), WORKER);
    expect(await recorder.markLostInRedis([waiting, running])).toEqual([waiting]);
    expect((await load(waiting)).dispatchedAt).toBeNull();
    expect((await load(running)).dispatchedAt).not.toBeNull();
  });

  it('rescues a running job as retrying, or failed once it has no attempt left', async () => {
    const lost = { ...error, name: 'WorkerLostError' };
    const { id } = await newJob();
    const lease = randomUUID();
    await recorder.startAttempt(id, lease, WORKER);
    expect(await recorder.rescue(id, randomUUID(), lost)).toBe(false);
    expect(await recorder.rescue(id, lease, lost)).toBe(true);
    expect(await load(id)).toMatchObject({ status: 'retrying', leaseId: null, dispatchedAt: null });
    await database.query('UPDATE job_statuses SET max_attempts = 2 WHERE id = $1', [id]);
    const second = randomUUID();
    await recorder.startAttempt(id, second, WORKER);
    expect(await recorder.rescue(id, second, lost)).toBe(true);
    expect(await load(id)).toMatchObject({ status: 'failed', attempts: 2, error: lost });
  });

  it('writes nothing for an idempotency key already used', async () => {
    expect((await newJob('key-1')).created).toBe(true);
    expect((await newJob('key-1')).created).toBe(false);
    const rows = await database.query(
      "SELECT id FROM job_statuses WHERE idempotency_key = 'key-1'",
    );
    expect(rows).toHaveLength(1);
  });

  it('applies every write when two processes write the same jobs in opposite orders', async () => {
    // A second connection pool stands for another process (the API beside a worker).
    const other = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    const api = new JobStatusRecorder(other);
    try {
      for (let round = 0; round < 5; round++) {
        const ids = (await Promise.all(Array.from({ length: 200 }, () => newJob()))).map(
          (j) => j.id,
        );
        const reversed = [...ids].reverse();
        const [, started] = await Promise.all([
          Promise.all(ids.map((id) => api.markDispatched(id))),
          Promise.all(reversed.map((id) => recorder.startAttempt(id, randomUUID(), WORKER))),
        ]);
        expect(started.every((attempt) => attempt !== undefined)).toBe(true);
        // Whichever came first, every row ends dispatched and running.
        const rows = await database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM job_statuses
           WHERE id = ANY($1) AND status = 'running' AND dispatched_at IS NOT NULL`,
          [ids],
        );
        expect(rows[0].n).toBe(200);
      }
    } finally {
      await other.destroy();
    }
  });

  it('batches concurrent writes into a few statements', async () => {
    const jobs = await Promise.all(Array.from({ length: 300 }, () => newJob()));
    const query = jest.spyOn(dataSource, 'query');
    const started = await Promise.all(
      jobs.map(({ id }) => recorder.startAttempt(id, randomUUID(), WORKER)),
    );
    expect(started.every(Boolean)).toBe(true);
    expect(query.mock.calls.length).toBeLessThanOrEqual(5);
    query.mockRestore();
    const running = await database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM job_statuses WHERE status = 'running' AND id = ANY($1)",
      [jobs.map((job) => job.id)],
    );
    expect(running[0].n).toBe(300);
  });
});
