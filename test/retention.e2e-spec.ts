import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PARTITION_DAYS_AHEAD } from '@lib/job-status';
import type { AppProcess } from '@lib/testing';
import { TestPlatform, waitFor } from '@lib/testing';

const DAY_MS = 24 * 60 * 60_000;
const utcDay = (daysFromToday: number) =>
  new Date(Date.now() + daysFromToday * DAY_MS).toISOString().slice(0, 10);
const partitionOf = (daysFromToday: number) =>
  `job_statuses_p${utcDay(daysFromToday).replaceAll('-', '')}`;

describe('retention', () => {
  const platform = new TestPlatform('retention');

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker', { WORKER_QUEUES: 'default' });
  });
  afterAll(() => platform.stop());

  const finishedDaysAgo = (id: string, days: number) =>
    platform.database.query(
      `UPDATE job_statuses SET finished_at = now() - make_interval(days => $2) WHERE id = $1`,
      [id, days],
    );
  const statusOf = async (id: string) => (await platform.get(`/job-status/${id}`)).status;
  // One scheduler sweeping every 200 ms, started by whichever test needs it first.
  let scheduler: Promise<AppProcess> | undefined;
  const sweeping = () =>
    (scheduler ??= platform.start('scheduler', {
      JOB_RETENTION_DAYS: '7',
      JOB_RETENTION_SWEEP_MS: '200',
      SCHEDULER_CATCHUP_MS: '0',
    }));
  const query = <T = Record<string, unknown>>(sql: string, values: unknown[] = []) =>
    platform.database.query<T>(sql, values);
  const partitions = async () =>
    (
      await query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'job_statuses'::regclass ORDER BY 1`,
      )
    ).map((row) => row.name);
  // Jobs created at noon (UTC) `daysAgo` days ago, in that day's partition.
  const insertJobs = (
    run: typeof query,
    daysAgo: number,
    count: number,
    job: { status: string; finishedDaysAgo: number | null; key?: string },
  ) =>
    run<{ id: string }>(
      `INSERT INTO job_statuses (id, type, queue, status, payload, max_attempts, backoff,
                                 idempotency_key, created_at, finished_at, dispatched_at)
       SELECT gen_random_uuid(), 'sleep', 'low', $1, '{"ms": 0}', 1,
              '{"type": "fixed", "delay_ms": 1}', $2, $3::date + interval '12 hours',
              now() - make_interval(days => $4), now()
       FROM generate_series(1, $5) RETURNING id`,
      [job.status, job.key ?? null, utcDay(-daysAgo), job.finishedDaysAgo, count],
    );
  const countIn = async (daysAgo: number) =>
    (
      await query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM ${partitionOf(-daysAgo)} GROUP BY 1 ORDER BY 1`,
      )
    ).map(({ status, n }) => `${status}:${n}`);

  // First, before any scheduler runs: an app of any kind keeps the days ahead.
  it('makes the partitions ahead in an API without a scheduler', async () => {
    for (let day = 1; day <= PARTITION_DAYS_AHEAD; day += 1) {
      await query(`ALTER TABLE job_statuses DETACH PARTITION ${partitionOf(day)}`);
      await query(`DROP TABLE ${partitionOf(day)}`);
    }
    await platform.start('api');
    const names = await partitions();
    for (let day = 0; day <= PARTITION_DAYS_AHEAD; day += 1) {
      expect(names).toContain(partitionOf(day));
    }
  });

  it('deletes the statuses of jobs finished longer ago than JOB_RETENTION_DAYS, and only those', async () => {
    const completed = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    const failed = await platform.createJob({
      type: 'sleep',
      payload: { ms: 0, fail_attempts: 1 },
      max_attempts: 1,
    });
    const cancelled = await platform.createJob({ type: 'sleep', payload: { ms: 0 }, queue: 'low' });
    await platform.post(`/jobs/${cancelled}/cancel`, {});
    const recent = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    const waiting = await platform.createJob({ type: 'sleep', payload: { ms: 0 }, queue: 'low' });
    await platform.waitForStatus(completed, ['completed']);
    await platform.waitForStatus(failed, ['failed']);
    await platform.waitForStatus(recent, ['completed']);
    for (const id of [completed, failed, cancelled]) {
      await finishedDaysAgo(id, 8);
    }
    await finishedDaysAgo(recent, 6);
    // Only the platform's own days have partitions: this one is made for the test.
    await platform.database.query(
      `SELECT job_statuses_create_partitions(day, day)
       FROM (SELECT ((now() - interval '30 days') AT TIME ZONE 'UTC')::date AS day) AS days`,
    );
    await platform.database.query(
      `UPDATE job_statuses SET created_at = now() - interval '30 days' WHERE id = $1`,
      [waiting],
    );
    // More than one batch of expired rows.
    await platform.database.query(
      `INSERT INTO job_statuses (id, type, queue, status, payload, max_attempts, backoff, finished_at)
       SELECT gen_random_uuid(), 'sleep', 'default', 'completed', '{"ms": 0}', 1,
              '{"type": "fixed", "delay_ms": 1}', now() - interval '10 days'
       FROM generate_series(1, 1200)`,
    );

    await sweeping();
    await waitFor(
      'the expired jobs to be deleted',
      () => statusOf(completed),
      (status) => status === 404,
    );
    await waitFor(
      'every expired job to be deleted',
      () =>
        platform.database.query<{ n: string }>(
          `SELECT count(*) AS n FROM job_statuses WHERE finished_at < now() - interval '7 days'`,
        ),
      ([{ n }]) => n === '0',
    );

    for (const id of [completed, failed, cancelled]) {
      expect(await statusOf(id)).toBe(404);
    }
    expect(await statusOf(recent)).toBe(200);
    expect(await statusOf(waiting)).toBe(200);
    const body = (await platform.get(`/job-status/${completed}`)).body;
    expect(body.message).toBe(`Job ${completed} does not exist (or has been deleted).`);
  });

  it('creates the partitions ahead, drops the days that expired whole, and prunes the others row by row', async () => {
    // The scheduler makes again the days ahead that the migration made (or it made).
    for (let day = 1; day <= PARTITION_DAYS_AHEAD; day += 1) {
      await query(`ALTER TABLE job_statuses DETACH PARTITION ${partitionOf(day)}`);
      await query(`DROP TABLE ${partitionOf(day)}`);
    }
    // Made in one transaction: a sweep in between would drop the old days while empty.
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    const run = async <T = Record<string, unknown>>(sql: string, values: unknown[] = []) =>
      (await client.query(sql, values)).rows as T[];
    let spared: { id: string }, expired: { id: string }, unfinished: { id: string };
    let recent: { id: string };
    try {
      await run('BEGIN');
      for (const [first, last] of [
        [-20, -18],
        [-7, -7],
      ]) {
        await run(`SELECT job_statuses_create_partitions($1::date, $2::date)`, [
          utcDay(first),
          utcDay(last),
        ]);
      }
      // The cutoff's own day is dropped whole once past it: its expired jobs wait for that.
      [spared] = await run<{ id: string }>(
        `INSERT INTO job_statuses (id, type, queue, status, payload, max_attempts, backoff,
                                 created_at, finished_at, dispatched_at)
       VALUES (gen_random_uuid(), 'sleep', 'low', 'completed', '{"ms": 0}', 1,
               '{"type": "fixed", "delay_ms": 1}', $1::date, $1::date + interval '1 second', now())
       RETURNING id`,
        [utcDay(-7)],
      );
      // Day 20: every job finished 15 days ago; one kept a key and a webhook delivery.
      [expired] = await insertJobs(run, 20, 1, {
        status: 'completed',
        finishedDaysAgo: 15,
        key: 'kept-by-an-old-job',
      });
      await insertJobs(run, 20, 600, { status: 'completed', finishedDaysAgo: 15 });
      await run(
        `INSERT INTO webhook_deliveries (job_id, delivery_id, webhook_id, attempt, url, attempted_at,
                                       duration_ms, status_code)
       VALUES ($1, $2, 'msg_1', 1, 'https://example.com', now(), 5, 200)`,
        [expired.id, randomUUID()],
      );
      // Day 19: expired jobs beside one that never ran; day 18: beside one finished since.
      await insertJobs(run, 19, 600, { status: 'failed', finishedDaysAgo: 15 });
      [unfinished] = await insertJobs(run, 19, 1, { status: 'queued', finishedDaysAgo: null });
      await insertJobs(run, 18, 600, { status: 'cancelled', finishedDaysAgo: 15 });
      [recent] = await insertJobs(run, 18, 1, { status: 'completed', finishedDaysAgo: 2 });

      await run('COMMIT');
    } finally {
      await client.end();
    }

    await sweeping();
    await waitFor(
      'day 20 to be dropped and the expired rows of days 19 and 18 deleted',
      async () => ({
        partitions: await partitions(),
        kept: [await countIn(19), await countIn(18)],
      }),
      ({ partitions: names, kept }) =>
        !names.includes(partitionOf(-20)) &&
        JSON.stringify(kept) === JSON.stringify([['queued:1'], ['completed:1']]),
    );

    const names = await partitions();
    for (let day = 0; day <= PARTITION_DAYS_AHEAD; day += 1) {
      expect(names).toContain(partitionOf(day));
    }
    expect(names).toEqual(expect.arrayContaining([partitionOf(-19), partitionOf(-18)]));
    expect((await platform.get(`/job-status/${unfinished.id}`)).body.status).toBe('queued');
    expect((await platform.get(`/job-status/${recent.id}`)).body.status).toBe('completed');
    expect((await platform.get(`/job-status/${spared.id}`)).body.status).toBe('completed');
    expect((await platform.get(`/job-status/${expired.id}`)).status).toBe(404);
    expect(
      await query(`SELECT job_id FROM webhook_deliveries WHERE job_id = $1`, [expired.id]),
    ).toEqual([]);
    // The dropped job's idempotency key went with it: a new request may use it.
    const again = await platform.createJob({
      type: 'sleep',
      payload: { ms: 0 },
      queue: 'low',
      idempotency_key: 'kept-by-an-old-job',
    });
    expect(again).not.toBe(expired.id);
  });
});
