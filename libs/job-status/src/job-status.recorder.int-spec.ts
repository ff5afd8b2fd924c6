import { randomUUID } from 'node:crypto';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import { JobStatus } from './job-status.entity';
import { JobStatusRecorder } from './job-status.recorder';
import type { StartedAttempt } from './job-status.recorder';
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
      attempts: 0,
      maxAttempts: 3,
      timeoutMs: 60_000,
      backoff: { type: 'fixed', delay_ms: 10 },
      runAt: null,
      idempotencyKey,
      requestHash: idempotencyKey && 'hash',
      scheduleName: null,
      scheduledFor: null,
      dependsOn: null,
      onDependencyFailure: 'cancel',
      webhookUrl: null,
      webhookSecret: null,
    });
    return { id, created };
  };
  const load = (id: string) => dataSource.getRepository(JobStatus).findOneByOrFail({ id });
  /** Opens an attempt and records it running, as a worker does once it lasts. */
  const startRunning = async (id: string, lease = randomUUID()) => {
    const attempt = await recorder.openAttempt(id, lease, WORKER);
    expect(attempt && (await recorder.recordStart(attempt))).toBe(true);
    return attempt as StartedAttempt;
  };

  it('starts an attempt with what Postgres holds, then records its outcome under the lease', async () => {
    const { id } = await newJob();
    const lease = randomUUID();
    const started = await startRunning(id, lease);
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
    expect(await recorder.finishAttempt(started, { status: 'completed', result: { ok: 1 } })).toBe(
      'completed',
    );
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
    const staleAttempt = await startRunning(id, stale);
    const currentAttempt = await startRunning(id, current);
    expect(currentAttempt.attempt).toBe(1);
    expect(await recorder.finishAttempt(currentAttempt, { status: 'failed', error })).toBe(
      'failed',
    );
    expect(
      await recorder.finishAttempt(staleAttempt, { status: 'completed', result: 'late' }),
    ).toBeUndefined();
    expect(await recorder.reportProgress(id, stale, 99)).toBe(false);
    expect(await load(id)).toMatchObject({ status: 'failed', result: null, error });
  });

  it('refuses to start an attempt of a job that already has a final status', async () => {
    const { id } = await newJob();
    const attempt = await startRunning(id);
    await recorder.finishAttempt(attempt, { status: 'completed', result: null });
    expect(await recorder.openAttempt(id, randomUUID(), WORKER)).toBeUndefined();
    expect(await recorder.failAbandoned(id, error)).toBe(false);
    expect((await load(id)).status).toBe('completed');
  });

  it('keeps a retrying job startable, records when it runs next, and counts the next attempt', async () => {
    const { id } = await newJob();
    const retryAt = new Date(Date.now() + 60_000);
    const attempt = await startRunning(id);
    await recorder.finishAttempt(attempt, { status: 'retrying', error, retryAt });
    const retrying = await load(id);
    expect(retrying).toMatchObject({ status: 'retrying', error, finishedAt: null });
    expect(retrying.runAt?.getTime()).toBe(retryAt.getTime());
    expect((await recorder.openAttempt(id, randomUUID(), WORKER))?.attempt).toBe(2);
  });

  it('ends a job cancelled while it ran as cancelled whatever its attempt returned', async () => {
    const { id } = await newJob();
    const attempt = await startRunning(id);
    expect(await recorder.requestCancel(id, 'default')).toEqual({
      status: 'running',
      queue: 'default',
    });
    expect(
      await recorder.finishAttempt(attempt, { status: 'completed', result: { late: true } }),
    ).toBe('cancelled');
    expect(await load(id)).toMatchObject({ status: 'cancelled', result: null });
    expect((await load(id)).finishedAt).toBeInstanceOf(Date);
  });

  it('keeps a completion recorded before the cancel arrived', async () => {
    const { id } = await newJob();
    const attempt = await startRunning(id);
    await recorder.finishAttempt(attempt, { status: 'completed', result: 1 });
    expect(await recorder.requestCancel(id, 'default')).toBeNull();
    expect(await load(id)).toMatchObject({ status: 'completed', result: 1 });
  });

  it('requeues a final job with a fresh attempt budget and no hand-off yet', async () => {
    const { id } = await newJob();
    const attempt = await startRunning(id);
    await recorder.finishAttempt(attempt, { status: 'failed', error });
    await recorder.markDispatched(id);
    expect(await recorder.requeue(id, 'api')).toBe('queued');
    expect(await load(id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      leaseId: null,
      dispatchedAt: null,
      errors: [error],
    });
    expect(await recorder.requeue(id, 'api')).toBeNull();
  });

  it('requeues from the dashboard keeping the attempt count and the Redis copy', async () => {
    const { id } = await newJob();
    const attempt = await startRunning(id);
    await recorder.finishAttempt(attempt, { status: 'failed', error });
    expect(await recorder.requeue(id, 'dashboard')).toBe('queued');
    expect(await load(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await load(id)).dispatchedAt).not.toBeNull();
  });

  it('marks only waiting, dispatched jobs as lost in Redis', async () => {
    const waiting = (await newJob()).id;
    const running = (await newJob()).id;
    await Promise.all([recorder.markDispatched(waiting), recorder.markDispatched(running)]);
    await startRunning(running);
    expect(await recorder.markLostInRedis([waiting, running])).toEqual([waiting]);
    expect((await load(waiting)).dispatchedAt).toBeNull();
    expect((await load(running)).dispatchedAt).not.toBeNull();
  });

  it('rescues a running job as retrying, or failed once it has no attempt left', async () => {
    const lost = { ...error, name: 'WorkerLostError' };
    const { id } = await newJob();
    const attempt = await startRunning(id);
    expect(await recorder.rescue(id, randomUUID(), lost)).toBe(false);
    expect(await recorder.rescue(id, attempt.leaseId, lost)).toBe(true);
    expect(await load(id)).toMatchObject({ status: 'retrying', leaseId: null, dispatchedAt: null });
    await database.query('UPDATE job_statuses SET max_attempts = 2 WHERE id = $1', [id]);
    const second = await startRunning(id);
    expect(await recorder.rescue(id, second.leaseId, lost)).toBe(true);
    expect(await load(id)).toMatchObject({ status: 'failed', attempts: 2, error: lost });
  });

  it('opens an attempt without writing, then writes its start and outcome at once', async () => {
    const { id } = await newJob();
    const before = await load(id);
    const attempt = (await recorder.openAttempt(id, randomUUID(), WORKER)) as StartedAttempt;
    expect(await load(id)).toEqual(before);
    expect(await recorder.finishAttempt(attempt, { status: 'completed', result: 7 })).toBe(
      'completed',
    );
    const job = await load(id);
    expect(job).toMatchObject({
      status: 'completed',
      attempts: 1,
      result: 7,
      leaseId: attempt.leaseId,
      workerId: WORKER,
    });
    expect(job.startedAt?.getTime()).toBe(attempt.startedAt.getTime());
    expect(job.dispatchedAt).not.toBeNull();
  });

  it('ends cancelled, counting the attempt, a job whose cancel came before its start was written', async () => {
    const { id } = await newJob();
    const attempt = (await recorder.openAttempt(id, randomUUID(), WORKER)) as StartedAttempt;
    expect(await recorder.requestCancel(id, 'default')).toEqual({
      status: 'queued',
      queue: 'default',
    });
    expect(await recorder.openAttempt(id, randomUUID(), WORKER)).toBeUndefined();
    expect(await recorder.recordStart(attempt)).toBe(false);
    expect(await recorder.finishAttempt(attempt, { status: 'completed', result: 'late' })).toBe(
      'cancelled',
    );
    expect(await load(id)).toMatchObject({ status: 'cancelled', attempts: 1, result: null });
  });

  it("accepts no cancel of another tenant's job, leaving it untouched", async () => {
    const { id } = await newJob();
    expect(await recorder.requestCancel(id, 'acme')).toBeNull();
    expect(await load(id)).toMatchObject({ status: 'queued', cancelRequestedAt: null });
  });

  it('settles a cancelled job that no worker holds', async () => {
    const { id } = await newJob();
    expect(await recorder.settleCancelled(id)).toBe(false);
    await recorder.requestCancel(id, 'default');
    expect(await recorder.settleCancelled(id)).toBe(true);
    expect(await load(id)).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(await recorder.requestCancel(id, 'default')).toBeNull();
  });

  it('refuses an unrecorded attempt overtaken by another attempt of the same job', async () => {
    const { id } = await newJob();
    const first = (await recorder.openAttempt(id, randomUUID(), WORKER)) as StartedAttempt;
    const second = (await recorder.openAttempt(id, randomUUID(), WORKER)) as StartedAttempt;
    const retryAt = new Date(Date.now() + 60_000);
    expect(await recorder.finishAttempt(second, { status: 'retrying', error, retryAt })).toBe(
      'retrying',
    );
    expect(
      await recorder.finishAttempt(first, { status: 'completed', result: 'late' }),
    ).toBeUndefined();
    expect(await recorder.recordStart(first)).toBe(false);
    expect(await load(id)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      leaseId: second.leaseId,
    });
  });

  it('writes nothing for an idempotency key already used', async () => {
    expect((await newJob('key-1')).created?.status).toBe('queued');
    expect((await newJob('key-1')).created).toBeNull();
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
          Promise.all(reversed.map((id) => startRunning(id))),
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
    // Hot statements go to the pool under TypeORM (see preparedQuery).
    const pool = (dataSource.driver as unknown as { master: { query: () => unknown } }).master;
    const query = jest.spyOn(pool, 'query');
    const opened = await Promise.all(
      jobs.map(({ id }) => recorder.openAttempt(id, randomUUID(), WORKER)),
    );
    expect(opened.every(Boolean)).toBe(true);
    expect(query).toHaveBeenCalled();
    expect(query.mock.calls.length).toBeLessThanOrEqual(3);
    query.mockClear();
    const recorded = await Promise.all(
      opened.map((attempt) => recorder.recordStart(attempt as StartedAttempt)),
    );
    expect(recorded.every(Boolean)).toBe(true);
    expect(query.mock.calls.length).toBeLessThanOrEqual(3);
    query.mockRestore();
    const running = await database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM job_statuses WHERE status = 'running' AND id = ANY($1)",
      [jobs.map((job) => job.id)],
    );
    expect(running[0].n).toBe(300);
  });
});
