import { AppProcess, TestPlatform, freePort } from '@lib/testing';
import type { AppName } from '@lib/testing';

const APPS: AppName[] = ['api', 'worker', 'scheduler'];

describe('starting the apps', () => {
  const platform = new TestPlatform('startup');
  afterAll(() => platform.stop());

  /**
   * Runs an app that must refuse to start; returns the message of its one fatal line.
   * @param secret text that must appear nowhere in the app's output
   */
  const refusedStart = async (app: AppName, env: Record<string, string>, secret?: string) => {
    const process = new AppProcess(app, platform.envFor(env));
    const exit = await process.exited;
    expect(exit.code).toBe(1);
    if (secret !== undefined) {
      expect(process.logs()).not.toContain(secret);
    }
    const lines = process
      .logs()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    const fatal = lines.filter((line) => line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0].msg).not.toMatch(/^\s+at /m);
    return fatal[0].msg;
  };

  // A setting every app reads (a worker-only one stops the worker alone: processes-per-host).
  it.each(APPS)('%s stops with one line naming an invalid variable', async (app) => {
    expect(await refusedStart(app, { HANDOFF_SWEEP_MS: 'abc' })).toBe(
      'Invalid configuration: HANDOFF_SWEEP_MS must be an integer from 100 to 60000, got "abc".',
    );
  });

  it.each([
    [
      'DATABASE_URL',
      'postgres://postgres:hunter2-db@127.0.0.1:5432',
      'DATABASE_URL must be a postgres://user@host:port/database URL, got "postgres://***@127.0.0.1:5432".',
    ],
    [
      'REDIS_URL',
      'http://:hunter2-redis@127.0.0.1:6379?password=hunter2-query',
      'REDIS_URL must be a redis:// or rediss:// URL, got "http://***@127.0.0.1:6379?***".',
    ],
    [
      'ADMIN_PASSWORD',
      'hunter2-'.repeat(30),
      'ADMIN_PASSWORD must be 12 to 200 characters long, got a value of 240 characters (not shown: ADMIN_PASSWORD is a secret).',
    ],
  ])('never echoes the invalid value of the secret %s', async (variable, value, message) => {
    const output = await refusedStart('api', { [variable]: value }, 'hunter2');
    expect(output).toBe(`Invalid configuration: ${message}`);
  });

  it('worker stops when WORKER_QUEUES names an unknown queue', async () => {
    const output = await refusedStart('worker', { WORKER_QUEUES: 'high,urgent' });
    expect(output).toContain(
      'Invalid configuration: WORKER_QUEUES entry "urgent" is not a queue. Known queues: high, default, low, etl, webhooks.',
    );
  });

  it('names the Postgres URL and how to start it when Postgres does not answer', async () => {
    const port = await freePort();
    const output = await refusedStart('api', {
      DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/jobs`,
    });
    expect(output).toContain(
      `Cannot reach Postgres at postgres://postgres:***@127.0.0.1:${port}/jobs (DATABASE_URL)`,
    );
    expect(output).toContain('Start it');
    expect(output).not.toContain('secret');
  });

  it('names the Redis URL and how to start it when Redis does not answer', async () => {
    const port = await freePort();
    const output = await refusedStart('worker', { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(output).toContain(
      `Cannot reach Redis at redis://127.0.0.1:${port} (REDIS_URL): connect ECONNREFUSED`,
    );
    expect(output).toContain('Start it');
  });

  it.each(APPS)('%s refuses a QUEUE_BACKEND it does not know, naming the choices', async (app) => {
    expect(await refusedStart(app, { QUEUE_BACKEND: 'kafka' })).toBe(
      'Invalid configuration: QUEUE_BACKEND must be one of redis, postgres, got "kafka".',
    );
  });

  it.each([
    ['REDIS_URL', 'redis://127.0.0.1:6379'],
    ['REDIS_CLUSTER_NODES', '127.0.0.1:7000'],
  ])('refuses %s with QUEUE_BACKEND=postgres, which uses no Redis', async (variable, value) => {
    for (const app of APPS) {
      const env = { REDIS_URL: '', QUEUE_BACKEND: 'postgres', [variable]: value };
      expect(await refusedStart(app, env)).toBe(
        `Invalid configuration: QUEUE_BACKEND=postgres keeps the queues in Postgres and uses no ` +
          `Redis, but ${variable} is set: unset ${variable}, or set QUEUE_BACKEND=redis.`,
      );
    }
  });

  it('says DATABASE_URL=embedded is for npm start, which starts the embedded Postgres', async () => {
    expect(await refusedStart('worker', { DATABASE_URL: 'embedded' })).toBe(
      'Invalid configuration: DATABASE_URL=embedded is understood by `npm start` only, which ' +
        'starts the embedded Postgres and hands each app its real postgres:// URL: start the ' +
        'platform with `npm start`, or set a postgres:// URL.',
    );
  });

  it('creates the missing database and applies the migration once when all apps start together', async () => {
    const started = await Promise.all(APPS.map((app) => platform.start(app)));
    const migrations = await platform.database.query('SELECT name FROM migrations ORDER BY id');
    expect(migrations).toEqual([
      { name: 'CreateJobStatuses1763800000000' },
      { name: 'AddCancellationAndTimeout1763900000000' },
      { name: 'AddScheduleOrigin1764000000000' },
      { name: 'AddErrorHistory1764100000000' },
      { name: 'AddRetentionIndex1764200000000' },
      { name: 'AddRecoveryBookkeeping1764300000000' },
      { name: 'AddTransactionalEnqueue1764400000000' },
      { name: 'AddApiKeys1764510000000' },
      { name: 'AddTenantIndexes1764520000000' },
      { name: 'AddPendingJobsIndex1764610000000' },
      { name: 'CreateAuditLog1764620000000' },
      { name: 'AddRowVersion1764700000000' },
      { name: 'AddJobDependencies1764800000000' },
      { name: 'AddWebhooks1764810000000' },
      { name: 'AddListFilterIndexes1764830000000' },
      { name: 'CreateQueuePauses1764840000000' },
      { name: 'PartitionJobStatuses1764850000000' },
      { name: 'AddFairHandOff1764860000000' },
      { name: 'CreateRateLimits1764870000000' },
      { name: 'HeldBackUntilHanded1764880000000' },
      { name: 'FindDependentsByIndex1764890000000' },
      { name: 'IndexHandOffSweep1764900000000' },
    ]);
    for (const app of started) {
      expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
  });
});
