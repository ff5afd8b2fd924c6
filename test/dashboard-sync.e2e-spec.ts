import { TestPlatform } from '@lib/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const auth = { authorization: `Basic ${Buffer.from('admin:correct horse').toString('base64')}` };
const QUEUES = ['high', 'default', 'low', 'etl'];

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
      expect(job).toMatchObject({ name: 'sleep', priority: 2, delay: 600_000 });
      expect(job.data).toMatchObject({ type: 'sleep', payload: { ms: 1 } });
      expect(state).toBe('delayed');
      expect(rows[0]).toMatchObject({ type: 'sleep', status: 'scheduled', priority: 2 });
    });
  });
});
