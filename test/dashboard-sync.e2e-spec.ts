import { TestPlatform, waitFor } from '@lib/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const auth = { authorization: `Basic ${Buffer.from('admin:correct horse').toString('base64')}` };
const QUEUES = ['high', 'default', 'low', 'etl'];

interface Row {
  status: string;
  error: Record<string, unknown> | null;
  errors: unknown[];
  finished_at: Date | null;
}

describe('the dashboard keeping Postgres in step with Redis', () => {
  // No worker: every job stays waiting, so whatever Postgres says comes from the dashboard.
  const platform = new TestPlatform('dashboard-sync', {
    ADMIN_USER: 'admin',
    ADMIN_PASSWORD: 'correct horse',
  });
  let redis: Redis;
  let queues: Record<string, Queue>;

  beforeAll(async () => {
    await platform.start('api');
    redis = new Redis(platform.queues.redisUrl, { maxRetriesPerRequest: null });
    const prefix = platform.queues.prefix;
    queues = Object.fromEntries(
      QUEUES.map((name) => [name, new Queue(name, { connection: redis, prefix })]),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    redis.disconnect();
    await platform.stop();
  });

  /** A request to the board's API, as its UI sends it. */
  const board = (method: string, path: string, body?: unknown) =>
    platform.send(method, `/admin/queues/api/queues${path}`, {
      headers: { ...auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const create = (queue: string, extra: Record<string, unknown> = {}) =>
    platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue, ...extra });
  const row = async (id: string): Promise<Row> =>
    (
      await platform.database.query<Row>(
        'SELECT status, error, errors, finished_at FROM job_statuses WHERE id = $1',
        [id],
      )
    )[0];
  const statusOf = async (id: string) => (await row(id)).status;
  const setStatus = (id: string, status: string) =>
    platform.database.query('UPDATE job_statuses SET status = $2 WHERE id = $1', [id, status]);
  const expectRemovedBy = async (action: string, ...ids: string[]) => {
    for (const id of ids) {
      const job = await row(id);
      expect(job).toMatchObject({
        status: 'cancelled',
        finished_at: expect.any(Date),
        error: {
          message: `Removed from Redis by the dashboard's "${action}" action.`,
          permanent: true,
          name: 'DashboardRemovalError',
          attempt: 1,
          at: expect.any(String),
        },
      });
      expect(job.errors).toEqual([job.error]);
    }
  };

  it('cancels every queued and scheduled job of the queue on "empty", and removes them all from Redis', async () => {
    const queued = await create('low');
    const prioritized = await create('low', { priority: 3 });
    const scheduled = await create('low', { delay_ms: 600_000 });
    const running = await create('low');
    await setStatus(running, 'running');
    const finished = await create('low');
    await setStatus(finished, 'completed');
    const elsewhere = await create('high');

    expect((await board('PUT', '/low/empty')).status).toBe(200);

    await expectRemovedBy('empty', queued, prioritized, scheduled);
    expect(await statusOf(running)).toBe('running');
    expect(await statusOf(finished)).toBe('completed');
    expect(await statusOf(elsewhere)).toBe('queued');
    expect(await queues.low.getJobCounts('wait', 'prioritized', 'delayed')).toEqual({
      wait: 0,
      prioritized: 0,
      delayed: 0,
    });
    expect(await queues.high.getJob(elsewhere)).toBeDefined();
  });

  it('refuses to obliterate a queue that is not paused, and cancels nothing', async () => {
    const queued = await create('etl');
    const refused = await board('PUT', '/etl/obliterate', { force: false });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('Queue "etl" is not paused');
    expect(await statusOf(queued)).toBe('queued');
    expect(await queues.etl.getJob(queued)).toBeDefined();
  });

  it('cancels on "obliterate" every waiting job Postgres has for the queue, also those Redis lost', async () => {
    const queued = await create('etl');
    const scheduled = await create('etl', { delay_ms: 600_000 });
    const lost = await create('etl');
    await queues.etl.remove(lost);
    // Bull Board obliterates only a paused queue, and refuses to pause one itself.
    await queues.etl.pause();

    expect((await board('PUT', '/etl/obliterate', { force: false })).status).toBe(200);

    await expectRemovedBy('obliterate', queued, scheduled, lost);
    expect(await platform.queues.keys('etl:*')).toEqual([]);
  });

  it('cancels only the job it removes on a per-job "clean" of a waiting or delayed job', async () => {
    const kept = await create('default');
    const waiting = await create('default');
    const delayed = await create('default', { delay_ms: 600_000 });

    for (const id of [waiting, delayed]) {
      expect((await board('PUT', `/default/${id}/clean`)).status).toBe(204);
      expect(await queues.default.getJob(id)).toBeUndefined();
    }

    await expectRemovedBy('clean', waiting, delayed);
    expect(await statusOf(kept)).toBe('queued');
  });

  it('cancels the jobs "clean all delayed" removes, those within its grace time too', async () => {
    const scheduled = await create('high', { delay_ms: 600_000 });
    const queued = await create('high');

    expect((await board('PUT', '/high/clean/delayed')).status).toBe(200);

    await expectRemovedBy('clean all delayed', scheduled);
    expect(await queues.high.getJob(scheduled)).toBeUndefined();
    expect(await statusOf(queued)).toBe('queued');
  });

  it('refuses to clean running jobs, naming the cancel endpoint', async () => {
    const refused = await board('PUT', '/high/clean/active');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('Cancel a running job with POST /jobs/:id/cancel');
  });

  describe('edits Postgres could not follow', () => {
    let edited: string;

    /** What each refused edit would have changed, in Redis and in Postgres. */
    const snapshot = async () => {
      const queue = queues.default;
      const job = await queue.getJob(edited);
      return {
        job: { name: job?.name, data: job?.data, priority: job?.priority, delay: job?.delay },
        state: await queue.getJobState(edited),
        paused: await Promise.all(QUEUES.map((name) => queues[name].isPaused())),
        concurrency: await queue.getGlobalConcurrency(),
        rateLimit: await queue.getGlobalRateLimit(),
        rateLimitTtl: await queue.getRateLimitTtl(),
        row: await platform.database.query('SELECT * FROM job_statuses WHERE id = $1', [edited]),
        rows: (await platform.rows()).length,
      };
    };

    beforeAll(async () => {
      edited = await create('default', { priority: 2, delay_ms: 600_000 });
      // Its hand-off is marked a moment after the answer: the snapshots start after that.
      await waitFor(
        'the job to be marked dispatched',
        () =>
          platform.database.query('SELECT dispatched_at FROM job_statuses WHERE id = $1', [edited]),
        (rows) => rows[0]?.dispatched_at !== null,
      );
    });

    it.each([
      [
        'PATCH',
        '/default/:id/update-data',
        { jobData: { type: 'truncate_table', payload: { table: 'daily_stats' } } },
        'Job data cannot be edited in the dashboard',
      ],
      ['PATCH', '/default/:id/delay', { runAt: Date.now() }, 'run time cannot be changed'],
      ['PATCH', '/default/:id/priority', { priority: 9 }, 'priority cannot be changed'],
      ['PUT', '/default/pause', undefined, 'Queues cannot be paused from the dashboard'],
      ['PUT', '/pause', undefined, 'Queues cannot be paused from the dashboard'],
      ['PUT', '/default/resume', undefined, 'not paused or resumed from the dashboard'],
      ['PUT', '/resume', undefined, 'not paused or resumed from the dashboard'],
      ['PUT', '/default/concurrency', { concurrency: 1 }, 'concurrency limit in Redis'],
      ['PUT', '/default/rate-limit', { max: 1, duration: 60_000 }, 'rate limit in Redis'],
      ['PUT', '/default/rate-limit/release', undefined, 'neither set nor released'],
      ['PATCH', '/default/job-schedulers/nightly', { every: 1000 }, 'GET /schedules'],
      ['PUT', '/default/job-schedulers/nightly/remove', undefined, 'GET /schedules'],
      ['PUT', '/default/job-schedulers/nightly/run', undefined, 'POST /schedules/:name/trigger'],
      ['PUT', '/default/:id/remove-unprocessed-children', undefined, 'no job flows'],
      ['POST', '/default/add', { name: 'sleep', data: {} }, 'Create jobs with POST /create-jobs'],
    ])('refuses %s %s with 400, saying what to do instead', async (method, path, body, message) => {
      const before = await snapshot();
      const refused = await board(method, path.replace(':id', edited), body);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain(message);
      expect(await snapshot()).toEqual(before);
    });

    it('still leaves the job as it was created, in Redis and in Postgres', async () => {
      const { job, state, row: rows } = await snapshot();
      expect(job).toMatchObject({ name: 'sleep', priority: 2 });
      // The delay Redis got is what was left of run_at at the hand-off.
      expect(job.delay).toBeGreaterThan(590_000);
      // Redis carries no copy of the job's data: Postgres has the only one.
      expect(job.data).toEqual({});
      expect(state).toBe('delayed');
      expect(rows[0]).toMatchObject({ type: 'sleep', status: 'scheduled', priority: 2 });
    });
  });
});
