import { dataSourceOptions, openDataSource } from '@lib/database';
import { NotificationRecorder, TestDatabase } from '@lib/testing';
import { Client } from 'pg';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

const SLEEP_BACKOFF = { type: 'exponential', delay_ms: 1000, max_delay_ms: 3_600_000 };
const OPTIONS =
  'backoff, delay_ms, idempotency_key, max_attempts, priority, queue, run_at, timeout_ms';
const QUEUES = 'Known queues: high, default, low, etl, webhooks.';
const PRIORITY = 'an integer from 0 to 1000000';
const DELAY = 'an integer from 0 to 31536000000';
const TIMEOUT = 'an integer from 1 to 604800000';
const BACKOFF_DELAY = 'an integer from 0 to 86400000';
const ISO = 'an ISO-8601 date-time';
const EXCLUSIVE_DELAY =
  'delay_ms and run_at cannot both be given: use one to say when the job may start.';

describe('jobs_enqueue() against Postgres', () => {
  const database = new TestDatabase('jobs_enqueue');
  let listener: NotificationRecorder;
  let client: Client;

  beforeAll(async () => {
    const dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    await dataSource.destroy();
    // What the apps' start-up writes for two job types (libs/outbox writes the real catalogue).
    await database.query(
      `INSERT INTO job_types (type, default_queue, max_attempts, backoff, timeout_ms)
       VALUES ('sleep', 'default', 3, $1, 900000), ('data_import', 'etl', 3, $1, 7200000)`,
      [SLEEP_BACKOFF],
    );
    listener = await NotificationRecorder.listen(database.url, 'jobs_enqueued');
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  beforeEach(() => listener.forget());
  afterAll(async () => {
    await client.end();
    await listener.close();
    await database.drop();
  });

  const enqueue = async (type: unknown, payload: unknown, options?: unknown): Promise<string> => {
    const { rows } = await client.query<{ id: string }>('SELECT jobs_enqueue($1, $2, $3) AS id', [
      type,
      JSON.stringify(payload),
      options === undefined ? '{}' : JSON.stringify(options),
    ]);
    return rows[0].id;
  };
  const refusal = (type: unknown, payload: unknown, options?: unknown) =>
    enqueue(type, payload, options).then(
      () => {
        throw new Error('jobs_enqueue accepted the request');
      },
      (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
    );
  const row = async (id: string) =>
    (await database.query('SELECT * FROM job_statuses WHERE id = $1', [id]))[0];
  const count = async () =>
    Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM job_statuses'))[0].n);

  it('creates a queued job with its type’s defaults and notifies jobs_enqueued with its id at commit', async () => {
    await client.query('BEGIN');
    const id = await enqueue('sleep', { ms: 5 });
    const before = await count();
    await client.query('COMMIT');

    expect(before).toBe(0);
    await listener.until(id);
    expect(await row(id)).toMatchObject({
      tenant_id: 'default',
      type: 'sleep',
      queue: 'default',
      priority: 0,
      status: 'queued',
      payload: { ms: 5 },
      attempts: 0,
      max_attempts: 3,
      backoff: SLEEP_BACKOFF,
      timeout_ms: 900_000,
      run_at: null,
      idempotency_key: null,
      request_hash: null,
      lease_id: null,
      dispatched_at: null,
      schedule_name: null,
      result: null,
      error: null,
      errors: [],
    });
  });

  it('takes the queue, priority, attempts, backoff and timeout from the options', async () => {
    const backoff = { type: 'fixed', delay_ms: 250 };
    const id = await enqueue(
      'data_import',
      {},
      { queue: 'high', priority: 7, max_attempts: 5, backoff, timeout_ms: 60_000 },
    );
    expect(await row(id)).toMatchObject({
      queue: 'high',
      priority: 7,
      max_attempts: 5,
      backoff,
      timeout_ms: 60_000,
    });
  });

  it('takes the job type’s default queue when the options name none', async () => {
    expect((await row(await enqueue('data_import', {}))).queue).toBe('etl');
  });

  it('schedules a job given delay_ms that far ahead', async () => {
    const started = Date.now();
    const job = await row(await enqueue('sleep', { ms: 1 }, { delay_ms: 60_000 }));
    expect(job.status).toBe('scheduled');
    const aheadMs = (job.run_at as Date).getTime() - started;
    expect(aheadMs).toBeGreaterThanOrEqual(59_000);
    expect(aheadMs).toBeLessThan(61_000);
  });

  it('schedules a job at a future run_at and queues one whose run_at has passed', async () => {
    const future = await row(await enqueue('sleep', {}, { run_at: '2099-01-02T03:04:05Z' }));
    expect(future).toMatchObject({ status: 'scheduled', run_at: new Date('2099-01-02T03:04:05Z') });
    const past = await row(await enqueue('sleep', {}, { run_at: '2000-01-01T00:00:00+02:00' }));
    expect(past).toMatchObject({ status: 'queued', run_at: null });
  });

  it('treats an option given as null as not given', async () => {
    const job = await row(await enqueue('sleep', {}, { queue: null, backoff: null }));
    expect(job).toMatchObject({ queue: 'default', backoff: SLEEP_BACKOFF });
  });

  it('leaves no row and tells nobody when the transaction rolls back', async () => {
    const rowsBefore = await count();
    await client.query('BEGIN');
    const rolledBack = await enqueue('sleep', { ms: 1 });
    await client.query('ROLLBACK');
    const marker = await enqueue('sleep', { ms: 2 });

    expect(await listener.until(marker)).not.toContain(rolledBack);
    expect(await count()).toBe(rowsBefore + 1);
  });

  // [what is wrong, the options, the message after "jobs_enqueue: "]
  it.each<[string, unknown, string]>([
    [
      'an unknown option',
      { colour: 'red' },
      `"colour" is not an option. Known options: ${OPTIONS}.`,
    ],
    ['options that are not an object', [1], 'options must be a JSON object, got [1].'],
    ['an unknown queue', { queue: 'urgent' }, `queue "urgent" is not a queue. ${QUEUES}`],
    ['a queue that is not a string', { queue: 1 }, 'queue must be a string naming a queue, got 1.'],
    ['a negative priority', { priority: -1 }, `priority must be ${PRIORITY}, got -1.`],
    ['a fractional priority', { priority: 1.5 }, `priority must be ${PRIORITY}, got 1.5.`],
    ['a priority given as text', { priority: '1' }, `priority must be ${PRIORITY}, got "1".`],
    [
      'a delay over a year',
      { delay_ms: 31_536_000_001 },
      `delay_ms must be ${DELAY}, got 31536000001.`,
    ],
    [
      'no attempt at all',
      { max_attempts: 0 },
      'max_attempts must be an integer from 1 to 100, got 0.',
    ],
    [
      'a timeout over a week',
      { timeout_ms: 604_800_001 },
      `timeout_ms must be ${TIMEOUT}, got 604800001.`,
    ],
    ['a run_at in words', { run_at: 'tomorrow' }, `run_at must be ${ISO}, got "tomorrow".`],
    [
      'a run_at on no real day',
      { run_at: '2026-02-30T00:00:00Z' },
      `run_at must be ${ISO}, got "2026-02-30T00:00:00Z".`,
    ],
    ['both delay_ms and run_at', { delay_ms: 1, run_at: '2099-01-01T00:00:00Z' }, EXCLUSIVE_DELAY],
    [
      'a backoff that is not an object',
      { backoff: 'fast' },
      `backoff must be an object {type, delay_ms, max_delay_ms?}, got "fast".`,
    ],
    [
      'an unknown backoff type',
      { backoff: { type: 'linear', delay_ms: 1 } },
      'backoff.type must be "exponential" or "fixed", got "linear".',
    ],
    [
      'a backoff without its delay',
      { backoff: { type: 'fixed' } },
      `backoff.delay_ms is required: ${BACKOFF_DELAY}.`,
    ],
    [
      'a backoff cap over a day',
      { backoff: { type: 'fixed', delay_ms: 1, max_delay_ms: 86_400_001 } },
      `backoff.max_delay_ms must be ${BACKOFF_DELAY}, got 86400001.`,
    ],
    [
      'an unknown backoff field',
      { backoff: { type: 'fixed', delay_ms: 1, jitter: true } },
      'backoff.jitter is not a field of backoff. Fields: type, delay_ms, max_delay_ms.',
    ],
    [
      'an empty idempotency_key',
      { idempotency_key: '' },
      'idempotency_key must be a string of 1 to 200 characters, got "".',
    ],
  ])('refuses %s with SQLSTATE 22023, naming the problem', async (_case, options, message) => {
    const rowsBefore = await count();
    expect(await refusal('sleep', {}, options)).toEqual({
      code: '22023',
      message: `jobs_enqueue: ${message}`,
    });
    expect(await count()).toBe(rowsBefore);
  });

  it('refuses a payload that is not a JSON object', async () => {
    expect(await refusal('sleep', 'x')).toEqual({
      code: '22023',
      message:
        'jobs_enqueue: payload must be a JSON object (use {} when the job takes none), got "x".',
    });
  });

  it('refuses an unknown job type, listing the known ones', async () => {
    expect(await refusal('send_email', {})).toEqual({
      code: '22023',
      message: 'jobs_enqueue: Unknown job type "send_email". Known types: data_import, sleep.',
    });
  });

  describe('with an idempotency_key', () => {
    it('returns the first job’s id when the same request comes again', async () => {
      const first = await enqueue('sleep', { ms: 1 }, { idempotency_key: 'replay', priority: 2 });
      // Written by hand: the same request in other words (key order, 2.0 for 2, a null option).
      const { rows } = await client.query<{ id: string }>(
        `SELECT jobs_enqueue('sleep', '{"ms": 1}',
           '{"priority": 2.0, "queue": null, "idempotency_key": "replay"}') AS id`,
      );
      expect(rows[0].id).toBe(first);
      expect((await row(first)).request_hash).toMatch(/^sql:[0-9a-f]{32}$/);
    });

    it('refuses a different request under a used key with SQLSTATE 23505, naming the job', async () => {
      const first = await enqueue('sleep', { ms: 1 }, { idempotency_key: 'taken' });
      const rowsBefore = await count();
      const error = await enqueue('sleep', { ms: 2 }, { idempotency_key: 'taken' }).catch(
        (e: { code: string; constraint: string; detail: string; message: string }) => e,
      );
      expect(error).toMatchObject({
        code: '23505',
        constraint: 'job_statuses_idempotency_key',
        detail: `Existing job: ${first}.`,
        message:
          `jobs_enqueue: idempotency_key "taken" was already used by job ${first} for a different ` +
          'request. Send the same request to get that job back, or use a new key.',
      });
      expect(await count()).toBe(rowsBefore);
    });

    it('hands a replayed job over again while it waits for Redis, and not once it was', async () => {
      const id = await enqueue('sleep', {}, { idempotency_key: 'handed' });
      expect(await enqueue('sleep', {}, { idempotency_key: 'handed' })).toBe(id);
      const first = await enqueue('sleep', {});
      expect((await listener.until(first)).filter((heard) => heard === id)).toEqual([id, id]);

      await database.query('UPDATE job_statuses SET dispatched_at = now() WHERE id = $1', [id]);
      listener.forget();
      expect(await enqueue('sleep', {}, { idempotency_key: 'handed' })).toBe(id);
      const marker = await enqueue('sleep', {});
      expect(await listener.until(marker)).not.toContain(id);
    });
  });

  it('reads the platform’s tables when the caller’s search_path shows its own first', async () => {
    await client.query('CREATE SCHEMA other');
    await client.query('CREATE TABLE other.job_types (type text)');
    await client.query('SET search_path = other, public');
    try {
      const id = await enqueue('sleep', {});
      expect(await row(id)).toMatchObject({ type: 'sleep' });
    } finally {
      await client.query('RESET search_path');
    }
  });
});
