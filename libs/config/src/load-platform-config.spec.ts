import { resolve } from 'node:path';
import { InvalidConfigError } from './invalid-config.error';
import { loadPlatformConfig } from './load-platform-config';
import { InvalidClusterNodeError } from './redis-cluster-nodes';

describe('loadPlatformConfig', () => {
  it('uses defaults that work on a developer machine', () => {
    const config = loadPlatformConfig({});
    expect(config.redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'jobs',
      clusterNodes: null,
    });
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/jobs');
    expect(config.queues).toEqual({ backend: 'redis' });
    expect(config.api).toEqual({ port: 3000, auth: true, trustedProxies: [] });
    expect(config.worker).toEqual({
      queues: ['high', 'default', 'low', 'etl', 'webhooks'],
      concurrency: 10,
      queueConcurrency: [],
      stallTimeoutMs: 30_000,
      shutdownGraceMs: 25_000,
    });
    expect(config.jobs).toEqual({
      truncateAllowedTables: ['public.daily_stats'],
      maxTimeoutMs: 86_400_000,
      payloadMaxBytes: 65_536,
      importAllowedTables: ['public.daily_imports'],
      importDir: resolve('imports'),
      importMaxBytes: 1_073_741_824,
      importMaxRecordBytes: 1_048_576,
      transformDir: resolve('transforms'),
    });
    expect(config.outbound).toEqual({
      allowedHosts: [],
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 30_000,
    });
    expect(config.scheduler).toEqual({
      schedulesFile: null,
      timezone: 'UTC',
      catchupMs: 3_600_000,
      retentionDays: 7,
      retentionSweepMs: 60_000,
    });
    expect(config.log).toEqual({ level: 'info', format: 'json' });
    expect(config.webhooks).toEqual({
      tenantWebhooks: null,
      concurrency: 10,
      timeoutMs: 10_000,
      retryBaseMs: 900_000,
    });
  });

  it('reads numbers and lists from the environment', () => {
    const config = loadPlatformConfig({
      PORT: '8080',
      WORKER_QUEUES: 'low, high',
      WORKER_CONCURRENCY: '3',
      WORKER_QUEUE_CONCURRENCY: 'etl:2, low:4',
      TRUNCATE_ALLOWED_TABLES: 'public.a, etl.b',
    });
    expect(config.worker.queueConcurrency).toEqual([
      { queue: 'etl', slots: 2 },
      { queue: 'low', slots: 4 },
    ]);
    expect(config.api.port).toBe(8080);
    expect(config.worker.queues).toEqual(['low', 'high']);
    expect(config.worker.concurrency).toBe(3);
    expect(config.jobs.truncateAllowedTables).toEqual(['public.a', 'etl.b']);
  });

  it('reads the outbound allow-list: names, addresses and IPv6 literals, with or without a port', () => {
    const config = loadPlatformConfig({
      OUTBOUND_ALLOWED_HOSTS: 'files.internal, 127.0.0.1:8080,[::1]:9000',
    });
    expect(config.outbound.allowedHosts).toEqual([
      'files.internal',
      '127.0.0.1:8080',
      '[::1]:9000',
    ]);
  });

  it.each(['http://files.internal', 'files.internal:0', 'a b', '127.0.0.1:70000', 'host:'])(
    'refuses OUTBOUND_ALLOWED_HOSTS=%j at start-up',
    (value) => {
      expect(() => loadPlatformConfig({ OUTBOUND_ALLOWED_HOSTS: value })).toThrow(
        'OUTBOUND_ALLOWED_HOSTS must be a comma-separated list of host[:port] entries',
      );
    },
  );

  it.each([
    [
      'WORKER_CONCURRENCY',
      'abc',
      'WORKER_CONCURRENCY must be an integer from 1 to 1000, got "abc".',
    ],
    ['PORT', '70000', 'PORT must be an integer from 1 to 65535, got "70000".'],
    [
      'WORKER_QUEUE_CONCURRENCY',
      'etl=2',
      'WORKER_QUEUE_CONCURRENCY must be a comma-separated list of queue:slots such as "etl:2,low:4", got "etl=2".',
    ],
    [
      'REDIS_URL',
      'localhost:6379',
      'REDIS_URL must be a redis:// or rediss:// URL, got "localhost:6379".',
    ],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got "loud".',
    ],
    [
      'SCHEDULER_TIMEZONE',
      'Mars/Olympus',
      'SCHEDULER_TIMEZONE must be an IANA timezone such as "UTC" or "Europe/Paris", got "Mars/Olympus".',
    ],
    [
      'TRUNCATE_ALLOWED_TABLES',
      'users',
      'TRUNCATE_ALLOWED_TABLES must be a comma-separated list of schema.table names, got "users".',
    ],
  ])('refuses %s=%s with a message naming the variable', (variable, value, message) => {
    const load = () => loadPlatformConfig({ [variable]: value });
    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow(`Invalid configuration: ${message}`);
  });

  it('turns API keys off only for API_AUTH=off, and refuses any other value', () => {
    expect(loadPlatformConfig({ API_AUTH: 'off' }).api.auth).toBe(false);
    expect(() => loadPlatformConfig({ API_AUTH: 'no' })).toThrow(
      'API_AUTH must be one of on, off, got "no".',
    );
  });

  it('refuses a dashboard password under 12 characters without printing it', () => {
    const load = () => loadPlatformConfig({ ADMIN_USER: 'admin', ADMIN_PASSWORD: 'short-pass' });
    expect(load).toThrow(
      'ADMIN_PASSWORD must be 12 to 200 characters long, got a value of 10 characters (not shown: ADMIN_PASSWORD is a secret).',
    );
    expect(load).not.toThrow(/short-pass/);
  });

  it('reads TRUST_PROXY as addresses and ranges, and refuses anything else', () => {
    expect(loadPlatformConfig({}).api.trustedProxies).toEqual([]);
    expect(
      loadPlatformConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1' }).api.trustedProxies,
    ).toEqual(['10.0.0.1', '10.1.0.0/16', '::1']);
    expect(() => loadPlatformConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(
      'TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges, such as "127.0.0.1,10.0.0.0/8", got "proxy.internal".',
    );
  });

  it("leaves an app's start-up alone for a bad setting that only another app reads", () => {
    const env = { WORKER_CONCURRENCY: 'lots', JOB_RETENTION_DAYS: '-1', SSE_HEARTBEAT_MS: 'x' };
    expect(loadPlatformConfig({ WORKER_CONCURRENCY: 'lots' }, 'api').worker.concurrency).toBe(10);
    expect(() => loadPlatformConfig({ WORKER_CONCURRENCY: 'lots' }, 'worker')).toThrow(
      'WORKER_CONCURRENCY',
    );
    expect(() => loadPlatformConfig(env, 'scheduler')).toThrow('JOB_RETENTION_DAYS');
    expect(() => loadPlatformConfig(env, 'api')).toThrow('SSE_HEARTBEAT_MS');
    expect(() => loadPlatformConfig(env)).toThrow(InvalidConfigError);
  });

  it('validates what every app reads in each of them', () => {
    for (const app of ['api', 'worker', 'scheduler'] as const) {
      expect(() => loadPlatformConfig({ DATABASE_URL: 'nope' }, app)).toThrow('DATABASE_URL');
    }
  });

  it('reads REDIS_CLUSTER_NODES as host:port seed nodes, and names an entry that is not one', () => {
    expect(loadPlatformConfig({}).redis.clusterNodes).toBeNull();
    expect(
      loadPlatformConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002' }).redis
        .clusterNodes,
    ).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    for (const bad of ['redis-a', 'redis://redis-a:7000', 'redis-a:70000', 'redis-a:0']) {
      const load = () => loadPlatformConfig({ REDIS_CLUSTER_NODES: `10.0.0.1:7000,${bad}` });
      expect(load).toThrow(InvalidClusterNodeError);
      expect(load).toThrow(
        `Invalid configuration: REDIS_CLUSTER_NODES entry "${bad}" is not host:port; expected ` +
          'host:port,host:port,… such as "10.0.0.1:7000,10.0.0.2:7000,[::1]:7002".',
      );
    }
  });

  it('refuses REDIS_URL and REDIS_CLUSTER_NODES together, in one line', () => {
    const load = () =>
      loadPlatformConfig({ REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'a:7000' });
    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow(
      'Invalid configuration: REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for ' +
        'one Redis, or REDIS_CLUSTER_NODES for a Redis Cluster, not both.',
    );
  });

  it('keeps the queues in Postgres with QUEUE_BACKEND=postgres, and refuses any other backend', () => {
    expect(loadPlatformConfig({ QUEUE_BACKEND: 'postgres' }).queues).toEqual({
      backend: 'postgres',
    });
    expect(() => loadPlatformConfig({ QUEUE_BACKEND: 'sqs' })).toThrow(
      'Invalid configuration: QUEUE_BACKEND must be one of redis, postgres, got "sqs".',
    );
  });

  it.each(['REDIS_URL', 'REDIS_CLUSTER_NODES'])(
    'refuses %s beside QUEUE_BACKEND=postgres instead of ignoring it',
    (variable) => {
      const value = variable === 'REDIS_URL' ? 'redis://a:6379' : 'a:7000';
      expect(() => loadPlatformConfig({ QUEUE_BACKEND: 'postgres', [variable]: value })).toThrow(
        `QUEUE_BACKEND=postgres keeps the queues in Postgres and uses no Redis, but ${variable} ` +
          `is set: unset ${variable}, or set QUEUE_BACKEND=redis.`,
      );
    },
  );

  it('leaves DATABASE_URL=embedded to npm start, saying so', () => {
    expect(() => loadPlatformConfig({ DATABASE_URL: 'embedded' })).toThrow(
      'DATABASE_URL=embedded is understood by `npm start` only',
    );
  });
});
