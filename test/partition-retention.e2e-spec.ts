import { randomUUID } from 'node:crypto';
import { PARTITION_DAYS_AHEAD } from '@lib/job-status';
import { TestPlatform, waitFor } from '@lib/testing';

const DAY_MS = 24 * 60 * 60_000;
const utcDay = (daysFromToday: number) =>
  new Date(Date.now() + daysFromToday * DAY_MS).toISOString().slice(0, 10);
const partitionOf = (daysFromToday: number) =>
  `job_statuses_p${utcDay(daysFromToday).replaceAll('-', '')}`;

describe('retention by partition', () => {
  const platform = new TestPlatform('partition_retention');
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
    daysAgo: number,
    count: number,
    job: { status: string; finishedDaysAgo: number | null; key?: string },
  ) =>
    query<{ id: string }>(
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

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('creates the partitions ahead, drops the days that expired whole, and prunes the others row by row', async () => {
    // The scheduler makes again the days ahead that the migration made.
    for (let day = 1; day <= PARTITION_DAYS_AHEAD; day += 1) {
      await query(`ALTER TABLE job_statuses DETACH PARTITION ${partitionOf(day)}`);
      await query(`DROP TABLE ${partitionOf(day)}`);
    }
    await query(`SELECT job_statuses_create_partitions($1::date, $2::date)`, [
      utcDay(-20),
      utcDay(-18),
    ]);
    // Day 20: every job finished 15 days ago; one kept a key and a webhook delivery.
    const [expired] = await insertJobs(20, 1, {
      status: 'completed',
      finishedDaysAgo: 15,
      key: 'kept-by-an-old-job',
    });
    await insertJobs(20, 600, { status: 'completed', finishedDaysAgo: 15 });
    await query(
      `INSERT INTO webhook_deliveries (job_id, delivery_id, webhook_id, attempt, url, attempted_at,
                                       duration_ms, status_code)
       VALUES ($1, $2, 'msg_1', 1, 'https://example.com', now(), 5, 200)`,
      [expired.id, randomUUID()],
    );
    // Day 19: expired jobs beside one that never ran; day 18: beside one finished since.
    await insertJobs(19, 600, { status: 'failed', finishedDaysAgo: 15 });
    const [unfinished] = await insertJobs(19, 1, { status: 'queued', finishedDaysAgo: null });
    await insertJobs(18, 600, { status: 'cancelled', finishedDaysAgo: 15 });
    const [recent] = await insertJobs(18, 1, { status: 'completed', finishedDaysAgo: 2 });

    await platform.start('scheduler', {
      JOB_RETENTION_DAYS: '7',
      JOB_RETENTION_SWEEP_MS: '200',
      SCHEDULER_CATCHUP_MS: '0',
    });
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
