import { Client } from 'pg';
import { FAST_RECOVERY, RedisServer, TestPlatform, eachQueueBackend, waitFor } from '@lib/testing';

eachQueueBackend(
  'crashes of the platform’s own processes and connections, queues in $backend',
  ({ backend, env }) => {
    // A Redis of its own, where the queues live in Redis.
    let redis: RedisServer | null;
    let platform: TestPlatform;

    beforeEach(async () => {
      redis = backend === 'redis' ? await RedisServer.start() : null;
      platform = new TestPlatform('crashes', {
        ...env,
        ...(redis ? { REDIS_URL: redis.url } : {}),
        WORKER_STALL_TIMEOUT_MS: '1500',
        ...FAST_RECOVERY,
      });
    });
    afterEach(async () => {
      await platform.stop();
      await redis?.kill();
    });

    const allCompletedOnce = { notCompleted: [], completedTwice: [], waiting: [] };
    const produce = (rounds: number, request: Record<string, unknown>) =>
      platform.createInBursts(rounds, 10, request);

    it('finishes every job when a worker is SIGKILLed mid-burst', async () => {
      await platform.start('api');
      const doomed = await platform.start('worker', { WORKER_CONCURRENCY: '20' });
      const { created, done } = produce(10, { type: 'sleep', payload: { ms: 200 } });
      await waitFor(
        'jobs to run',
        () => Promise.resolve(created.length),
        (n) => n >= 40,
      );
      await doomed.stop('SIGKILL');
      await platform.start('worker', { WORKER_CONCURRENCY: '20' });
      await done;
      expect(await platform.settlement(created)).toEqual(allCompletedOnce);
    });

    it('hands over rows the API committed but never handed to the queues before it was SIGKILLed', async () => {
      const api = await platform.start('api');
      await platform.start('worker');
      // Rows committed by a request whose process died before its hand-off look like this.
      await platform.database.query(
        `INSERT INTO job_statuses (id, type, queue, status, payload, max_attempts, backoff,
                                 timeout_ms, updated_at)
       SELECT gen_random_uuid(), 'sleep', 'default', 'queued', '{"ms": 1}', 3,
              '{"type": "fixed", "delay_ms": 10}', 60000, now() - interval '10 seconds'
       FROM generate_series(1, 25)`,
      );
      const { created, done } = produce(5, { type: 'sleep', payload: { ms: 1 } });
      await waitFor(
        'jobs to be created',
        () => Promise.resolve(created.length),
        (n) => n >= 20,
      );
      await api.stop('SIGKILL');
      await done;
      await platform.start('api');
      const all = (await platform.rows()).map((row) => row.id as string);
      expect(all.length).toBeGreaterThanOrEqual(45);
      expect(await platform.settlement(all)).toEqual(allCompletedOnce);
    });

    it('loses no attempt when the platform’s Postgres connections are terminated mid-burst', async () => {
      await platform.start('api');
      await platform.start('worker', { WORKER_CONCURRENCY: '20' });
      const { created, done } = produce(10, { type: 'sleep', payload: { ms: 50 } });
      await waitFor(
        'jobs to run',
        () => Promise.resolve(created.length),
        (n) => n >= 30,
      );
      const admin = new Client({ connectionString: platform.database.url });
      await admin.connect();
      try {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
      } finally {
        await admin.end();
      }
      await done;
      expect(await platform.settlement(created)).toEqual(allCompletedOnce);
      const attempts = await platform.database.query<{ attempts: number }>(
        'SELECT attempts FROM job_statuses WHERE id = ANY($1) AND attempts <> 1',
        [created],
      );
      expect(attempts).toEqual([]);
    });
  },
);
