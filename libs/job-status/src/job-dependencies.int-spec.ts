import { randomUUID } from 'node:crypto';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { JobState } from './job-state';
import type { NewJobStatus, OnDependencyFailure } from './job-status.entity';
import { JobStatus } from './job-status.entity';
import { JobStatusRecorder } from './job-status.recorder';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

// A job's end as any writer records it: the triggers react to the status, not to who wrote it.
const END = `UPDATE job_statuses SET status = $2, finished_at = now(), updated_at = now() WHERE id = $1`;

describe('Job dependencies, kept by Postgres', () => {
  const database = new TestDatabase('dependencies');
  let dataSource: DataSource;
  let recorder: JobStatusRecorder;
  const clients: Client[] = [];

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    recorder = new JobStatusRecorder(dataSource);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await dataSource.destroy();
    await database.drop();
  });

  const row = (
    dependsOn: string[] | null = null,
    onDependencyFailure: OnDependencyFailure = 'cancel',
  ): NewJobStatus => ({
    id: randomUUID(),
    tenantId: 'default',
    type: 'sleep',
    queue: 'default',
    priority: 0,
    status: 'queued',
    payload: {},
    attempts: 0,
    maxAttempts: 3,
    timeoutMs: 60_000,
    backoff: { type: 'fixed', delay_ms: 10 },
    runAt: null,
    idempotencyKey: null,
    requestHash: null,
    scheduleName: null,
    scheduledFor: null,
    dependsOn,
    onDependencyFailure,
    webhookUrl: null,
    webhookSecret: null,
  });
  const job = async (dependsOn: string[] | null = null, policy?: OnDependencyFailure) => {
    const created = row(dependsOn, policy);
    return { id: created.id, status: (await recorder.create(created))?.status };
  };
  const load = (id: string) => dataSource.getRepository(JobStatus).findOneByOrFail({ id });
  const statusOf = async (id: string): Promise<JobState> => (await load(id)).status;
  const end = (id: string, status: JobState) => dataSource.query(END, [id, status]);
  const connect = async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    clients.push(client);
    return client;
  };

  it('creates a job waiting while a dependency has not ended, and queues it once all completed', async () => {
    const a = await job();
    const b = await job();
    const c = await job([a.id, b.id]);
    expect(c.status).toBe('waiting');
    await end(a.id, 'completed');
    expect(await statusOf(c.id)).toBe('waiting');
    await end(b.id, 'completed');
    expect(await load(c.id)).toMatchObject({ status: 'queued', dispatchedAt: null });
  });

  it('queues a job whose dependencies all completed already, and reads their statuses with it', async () => {
    const a = await job();
    await end(a.id, 'completed');
    const b = await job([a.id]);
    expect(b.status).toBe('queued');
    expect((await load(b.id)).dependencies).toEqual([
      { id: a.id, type: 'sleep', status: 'completed' },
    ]);
  });

  it('cancels the dependents of a failed job down the chain, each error naming its dependency', async () => {
    const a = await job();
    const b = await job([a.id]);
    const c = await job([b.id]);
    await end(a.id, 'failed');
    const [second, third] = [await load(b.id), await load(c.id)];
    expect(second.status).toBe('cancelled');
    expect(second.finishedAt).not.toBeNull();
    expect(second.error).toMatchObject({
      name: 'DependencyFailedError',
      permanent: true,
      attempt: 1,
    });
    expect(second.error?.message).toContain(`Dependency ${a.id} ended failed`);
    expect(second.errors).toEqual([second.error]);
    expect(third.status).toBe('cancelled');
    expect(third.error?.message).toContain(`Dependency ${b.id} ended cancelled`);
  });

  it('cancels at once a job created on a dependency that already failed', async () => {
    const a = await job();
    await end(a.id, 'cancelled');
    expect((await job([a.id])).status).toBe('cancelled');
  });

  it('runs a job anyway once every dependency ended, with on_dependency_failure run', async () => {
    const a = await job();
    const b = await job();
    const c = await job([a.id, b.id], 'run');
    await end(a.id, 'failed');
    expect(await statusOf(c.id)).toBe('waiting');
    await end(b.id, 'completed');
    expect(await statusOf(c.id)).toBe('queued');
  });

  it('makes a retried dependent wait again for a dependency that was retried too', async () => {
    const a = await job();
    const b = await job([a.id]);
    await end(a.id, 'failed');
    expect(await recorder.requeue(a.id, 'api')).toBe('queued');
    expect(await recorder.requeue(b.id, 'api')).toBe('waiting');
    expect(await load(b.id)).toMatchObject({
      status: 'waiting',
      finishedAt: null,
      dispatchedAt: null,
    });
    await end(a.id, 'completed');
    expect(await statusOf(b.id)).toBe('queued');
  });

  it('releases a job once when its two dependencies end in two transactions at once', async () => {
    const a = await job();
    const b = await job();
    const c = await job([a.id, b.id]);
    const [first, second] = [await connect(), await connect()];
    await first.query('BEGIN');
    await second.query('BEGIN');
    await first.query(END, [a.id, 'completed']);
    // Blocks on the waiting row the first transaction locked, then reads both dependencies ended.
    const secondEnds = second.query(END, [b.id, 'completed']);
    await first.query('COMMIT');
    await secondEnds;
    await second.query('COMMIT');
    const released = await load(c.id);
    expect(released.status).toBe('queued');
    expect(released.version).toBe('2');
  });

  it('sees a dependency that completes while the job that waits for it is being created', async () => {
    const a = await job();
    const finisher = await connect();
    await finisher.query('BEGIN');
    await finisher.query(END, [a.id, 'completed']);
    // The new row's trigger waits for the dependency's lock, then reads it completed.
    const created = job([a.id]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await finisher.query('COMMIT');
    expect((await created).status).toBe('queued');
  });

  it('announces a released job on jobs_enqueued, for the hand-off sweep', async () => {
    const listener = await connect();
    await listener.query('LISTEN jobs_enqueued');
    const announced: string[] = [];
    listener.on('notification', (message) => announced.push(message.payload ?? ''));
    const a = await job();
    const b = await job([a.id]);
    await end(a.id, 'completed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(announced).toContain(b.id);
  });

  it('records a chain all or none, each step waiting on the one before', async () => {
    const first = { ...row(), idempotencyKey: 'tick-1', requestHash: 'h' };
    const second = { ...row([first.id]), idempotencyKey: 'tick-1#2' };
    expect((await recorder.createChain([first, second]))?.map(({ status }) => status)).toEqual([
      'queued',
      'waiting',
    ]);
    const replay = { ...row(), idempotencyKey: 'tick-1' };
    expect(
      await recorder.createChain([replay, { ...row([replay.id]), idempotencyKey: 'x' }]),
    ).toBeNull();
    const written = await dataSource.query(
      'SELECT count(*)::int AS n FROM job_statuses WHERE idempotency_key = $1',
      ['x'],
    );
    expect(written).toEqual([{ n: 0 }]);
  });
});
