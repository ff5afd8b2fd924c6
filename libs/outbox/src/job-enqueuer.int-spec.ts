import { loadPlatformConfig } from '@lib/config';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { IdempotencyConflictError, TimeoutTooLongError } from '@lib/dispatch';
import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import {
  BaseJob,
  InvalidPayloadError,
  JobRegistry,
  SleepJob,
  TruncateTableJob,
  UnknownJobTypeError,
} from '@lib/jobs';
import { QUEUE_NAMES, UnknownQueueError } from '@lib/queues';
import { NotificationRecorder, TestDatabase } from '@lib/testing';
import { IsInt, IsOptional } from 'class-validator';
import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { createJobEnqueuer } from './create-job-enqueuer';
import { EnqueueRefusedError } from './enqueue-refused.error';
import { InvalidJobOptionsError } from './invalid-job-options.error';
import { JobEnqueuer } from './job-enqueuer';
import { JobTypeCatalogueWriter } from './job-type-catalogue.writer';

class NapPayload {
  @IsOptional()
  @IsInt()
  ms?: number;
}

/** A job type this process knows and job_types does not (an app of its version never ran). */
class NapJob extends BaseJob<NapPayload> {
  readonly type = 'nap';
  readonly payloadClass = NapPayload;
  perform(): Promise<void> {
    return Promise.resolve();
  }
}

describe('JobEnqueuer against Postgres', () => {
  const database = new TestDatabase('enqueuer');
  const config = loadPlatformConfig({ DATABASE_URL: database.url, JOB_MAX_TIMEOUT_MS: '60000' });
  let dataSource: DataSource;
  let pool: Pool;
  let listener: NotificationRecorder;
  let enqueuer: JobEnqueuer;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    const registry = new JobRegistry([new SleepJob(), new TruncateTableJob(config, dataSource)]);
    await new JobTypeCatalogueWriter(registry, config, dataSource).write();
    enqueuer = new JobEnqueuer(
      new JobRegistry([...registry.types().map((t) => registry.get(t)), new NapJob()]),
      {
        maxTimeoutMs: config.jobs.maxTimeoutMs,
      },
    );
    pool = new Pool({ connectionString: database.url });
    listener = await NotificationRecorder.listen(database.url, 'jobs_enqueued');
  });
  beforeEach(() => listener.forget());
  afterAll(async () => {
    await listener.close();
    await pool.end();
    await dataSource.destroy();
    await database.drop();
  });

  /** Runs `work` in a transaction of a pooled pg client, committing unless told to roll back. */
  const inTransaction = async <T>(
    work: (client: PoolClient) => Promise<T>,
    end: 'COMMIT' | 'ROLLBACK' = 'COMMIT',
  ): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(end);
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const row = async (id: string) =>
    (await database.query('SELECT * FROM job_statuses WHERE id = $1', [id]))[0];
  const count = async () =>
    Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM job_statuses'))[0].n);

  it('creates the job in a pg client’s transaction; it appears and is announced at commit', async () => {
    let seenBeforeCommit = -1;
    const id = await inTransaction(async (client) => {
      const created = await enqueuer.enqueue(client, { type: 'sleep', payload: { ms: 5 } });
      seenBeforeCommit = await count();
      return created;
    });
    expect(seenBeforeCommit).toBe(0);
    await listener.until(id);
    expect(await row(id)).toMatchObject({
      type: 'sleep',
      queue: 'default',
      status: 'queued',
      payload: { ms: 5 },
      max_attempts: 3,
      timeout_ms: 60_000,
      dispatched_at: null,
    });
  });

  it('creates the job in a TypeORM transaction through its EntityManager', async () => {
    const id = await dataSource.transaction((manager) =>
      enqueuer.enqueue(manager, { type: 'sleep', payload: { ms: 1 }, queue: 'high', priority: 3 }),
    );
    await listener.until(id);
    expect(await row(id)).toMatchObject({ queue: 'high', priority: 3, status: 'queued' });
  });

  it('leaves no job and tells nobody when the caller rolls back, with either executor', async () => {
    const before = await count();
    const rolledBack = [
      await inTransaction(
        (client) => enqueuer.enqueue(client, { type: 'sleep', payload: { ms: 1 } }),
        'ROLLBACK',
      ),
    ];
    const rollback = new Error('the business change failed');
    await expect(
      dataSource.transaction(async (manager) => {
        rolledBack.push(await enqueuer.enqueue(manager, { type: 'sleep', payload: { ms: 1 } }));
        throw rollback;
      }),
    ).rejects.toBe(rollback);

    const marker = await dataSource.transaction((manager) =>
      enqueuer.enqueue(manager, { type: 'sleep', payload: { ms: 2 } }),
    );
    const heard = await listener.until(marker);
    expect(rolledBack.filter((id) => heard.includes(id))).toEqual([]);
    expect(await count()).toBe(before + 1);
  });

  it('refuses an invalid payload with InvalidPayloadError before sending anything', async () => {
    const before = await count();
    const outcome = await inTransaction(async (client) => {
      const error = await enqueuer
        .enqueue(client, { type: 'sleep', payload: { ms: -1 } })
        .catch((e: unknown) => e);
      // Nothing reached Postgres: the caller's transaction is still usable.
      const { rows } = await client.query<{ ok: number }>('SELECT 1 AS ok');
      return { error, ok: rows[0].ok };
    });
    expect(outcome.error).toBeInstanceOf(InvalidPayloadError);
    expect((outcome.error as Error).message).toBe(
      'payload.ms must be an integer from 0 to 3600000, got -1.',
    );
    expect(outcome.ok).toBe(1);
    expect(await count()).toBe(before);
  });

  it('stores the payload with the job type’s defaults applied, as the API does', async () => {
    const id = await dataSource.transaction((manager) =>
      enqueuer.enqueue(manager, { type: 'truncate_table', payload: { table: 'daily_stats' } }),
    );
    expect((await row(id)).payload).toEqual({ schema: 'public', table: 'daily_stats' });
  });

  // jobs_enqueue() lists the queues itself: a queue added without a migration fails here.
  it('accepts every queue the platform has', async () => {
    for (const queue of QUEUE_NAMES) {
      const id = await dataSource.transaction((manager) =>
        enqueuer.enqueue(manager, { type: 'sleep', payload: { ms: 1 }, queue }),
      );
      expect((await row(id)).queue).toBe(queue);
    }
  });

  it.each<[string, Record<string, unknown>, new (...args: never[]) => Error, string]>([
    [
      'an unknown type',
      { type: 'send_email', payload: {} },
      UnknownJobTypeError,
      'Unknown job type "send_email". Known types: nap, sleep, truncate_table.',
    ],
    [
      'a table off the allow-list',
      { type: 'truncate_table', payload: { table: 'users' } },
      InvalidPayloadError,
      'Table public.users is not allowed. Allowed tables: public.daily_stats (set TRUNCATE_ALLOWED_TABLES).',
    ],
    [
      'text Postgres cannot store',
      { type: 'sleep', payload: { ms: 1, message: 'a\u0000b' } },
      InvalidPayloadError,
      'payload.message contains a NUL character (\\u0000) or a lone UTF-16 surrogate, which Postgres cannot store.',
    ],
    [
      'an option out of range',
      { type: 'sleep', payload: { ms: 1 }, priority: -1 },
      InvalidJobOptionsError,
      'priority must be an integer from 0 to 1000000, got -1.',
    ],
    [
      'an unknown option',
      { type: 'sleep', payload: { ms: 1 }, colour: 'red' },
      InvalidJobOptionsError,
      '"colour" is not an option. Known options: backoff, delay_ms, idempotency_key, max_attempts, priority, queue, run_at, timeout_ms.',
    ],
    [
      'a bad backoff',
      { type: 'sleep', payload: { ms: 1 }, backoff: { type: 'linear', delay_ms: 1 } },
      InvalidJobOptionsError,
      'backoff.type must be "exponential" or "fixed", got "linear".',
    ],
    [
      'a run_at that is no date',
      { type: 'sleep', payload: { ms: 1 }, run_at: 'tomorrow' },
      InvalidJobOptionsError,
      'run_at must be an ISO-8601 date-time, got "tomorrow".',
    ],
    [
      'both delay_ms and run_at',
      { type: 'sleep', payload: { ms: 1 }, delay_ms: 1, run_at: '2099-01-01T00:00:00Z' },
      InvalidJobOptionsError,
      'delay_ms and run_at cannot both be given: use one to say when the job may start.',
    ],
    [
      'an unknown queue',
      { type: 'sleep', payload: { ms: 1 }, queue: 'urgent' },
      UnknownQueueError,
      'queue "urgent" is not a queue. Known queues: high, default, low, etl, webhooks.',
    ],
    [
      'a timeout above JOB_MAX_TIMEOUT_MS',
      { type: 'sleep', payload: { ms: 1 }, timeout_ms: 120_000 },
      TimeoutTooLongError,
      'timeout_ms must be at most 60000 (JOB_MAX_TIMEOUT_MS), got 120000.',
    ],
  ])(
    'refuses %s with its typed error before sending anything',
    async (_case, request, type, message) => {
      const before = await count();
      const error = await inTransaction(async (client) => {
        const refused = await enqueuer.enqueue(client, request as never).catch((e: unknown) => e);
        // Throws "current transaction is aborted" if a statement had been sent and failed.
        await client.query('SELECT 1');
        return refused;
      });
      expect(error).toBeInstanceOf(type);
      expect((error as Error).message).toBe(message);
      expect(await count()).toBe(before);
    },
  );

  it('returns the first job’s id for a replay and refuses another request under the same key', async () => {
    const request = { type: 'sleep', payload: { ms: 1 }, idempotency_key: 'order-42' };
    const first = await inTransaction((client) => enqueuer.enqueue(client, request));
    const again = await dataSource.transaction((manager) => enqueuer.enqueue(manager, request));
    expect(again).toBe(first);

    const error = await inTransaction((client) =>
      enqueuer.enqueue(client, { ...request, payload: { ms: 2 } }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect(error).toMatchObject({ idempotencyKey: 'order-42', existingJobId: first });
  });

  it('builds the platform’s own job types outside Nest with createJobEnqueuer', async () => {
    const standalone = await createJobEnqueuer({ config });
    const id = await dataSource.transaction((manager) =>
      standalone.enqueue(manager, { type: 'sleep', payload: { ms: 1 } }),
    );
    expect((await row(id)).type).toBe('sleep');
    await expect(
      dataSource.transaction((manager) =>
        standalone.enqueue(manager, { type: 'data_import', payload: { table: 'daily_imports' } }),
      ),
    ).rejects.toThrow(InvalidPayloadError);
  });

  it('reports a refusal from Postgres as EnqueueRefusedError', async () => {
    const error = await inTransaction((client) =>
      enqueuer.enqueue(client, { type: 'nap', payload: {} }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(EnqueueRefusedError);
    expect(error).toMatchObject({
      sqlState: '22023',
      message: 'jobs_enqueue: Unknown job type "nap". Known types: sleep, truncate_table.',
    });
  });
});
