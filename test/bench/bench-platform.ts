import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, TestDatabase, TestQueuePrefix, freePort, waitFor } from '@lib/testing';
import type { QueueBackendName } from '@lib/config';
import type { AppName } from '@lib/testing';

export interface BenchPlatformOptions {
  /** Count the statements each app sends Postgres (see statement-counter.preload.ts). */
  countStatements?: boolean;
  /** Where the apps keep the queues (QUEUE_BACKEND); default `redis`, the bench's own. */
  queueBackend?: QueueBackendName;
}

/**
 * The platform for one run of a measure: a database of its own, a key prefix of its own on
 * the bench's private Redis (or, with queueBackend `postgres`, the queues in that database
 * and no Redis at all), and the built apps as processes. Apps log at `warn`, as a busy
 * production would, so they never print their ready line: they are ready once their HTTP
 * port answers, which Nest opens only after every start-up hook (the worker's consumer too).
 */
export class BenchPlatform {
  readonly database: TestDatabase;
  readonly queues: TestQueuePrefix;
  private readonly running: AppProcess[] = [];
  private readonly counterFiles: string[] = [];

  constructor(
    label: string,
    redisUrl: string,
    private readonly scratchDir: string,
    private readonly options: BenchPlatformOptions = {},
  ) {
    this.database = new TestDatabase(`bench_${label}`);
    this.queues = new TestQueuePrefix(`bench-${label}`, redisUrl);
  }

  /** Starts an app with `extra` settings and waits until its HTTP port answers. */
  async start(app: AppName, extra: Record<string, string> = {}): Promise<AppProcess> {
    const portVariable = app === 'api' ? 'PORT' : 'HEALTH_PORT';
    const process = new AppProcess(app, {
      DATABASE_URL: this.database.url,
      ...this.queueSettings(),
      LOG_LEVEL: 'warn',
      // The loads send no API key: the bench measures the job path, and verifying a key
      // is a lookup cached for seconds, far below what the measures resolve.
      API_AUTH: 'off',
      [portVariable]: String(await freePort()),
      ...this.statementCounting(app),
      ...extra,
    });
    this.running.push(process);
    let exited = false;
    void process.exited.then(() => (exited = true));
    await waitFor(
      `${app} to answer on ${portVariable}`,
      async () => (exited ? 'exited' : (await process.get('/health')).status),
      (status) => status === 200 || status === 'exited',
      { timeoutMs: 60_000, intervalMs: 100 },
    ).then((status) => {
      if (status === 'exited') {
        throw new Error(`${app} exited during start-up. Its output:\n${process.logs()}`);
      }
    });
    return process;
  }

  /** The API's port (the API must be running). */
  apiPort(): number {
    const api = this.running.find((process) => process.app === 'api');
    if (!api) {
      throw new Error('The API of this bench platform is not running.');
    }
    return Number(api.env.PORT);
  }

  /** Stops every running process of `app` (SIGKILL: the bench never reuses their work). */
  async stop(app: AppName): Promise<void> {
    const stopping = this.running.filter((process) => process.app === app);
    await Promise.all(stopping.map((process) => process.stop('SIGKILL')));
    this.running.splice(0, this.running.length, ...this.running.filter((p) => p.app !== app));
  }

  /** Statements sent to Postgres by every app started with counting, so far. */
  statementsSent(): number {
    return this.counterFiles
      .filter((file) => existsSync(file))
      .reduce((sum, file) => sum + Number(readFileSync(file, 'utf8')), 0);
  }

  /** Stops every app and removes the database and the Redis keys. */
  async destroy(): Promise<void> {
    await Promise.all(this.running.map((process) => process.stop('SIGKILL')));
    this.running.length = 0;
    await this.queues.clear();
    await this.database.drop();
  }

  private queueSettings(): Record<string, string> {
    const backend = this.options.queueBackend ?? 'redis';
    // The apps refuse a Redis setting beside the Postgres backend; an empty one is unset.
    const redisUrl = backend === 'postgres' ? '' : this.queues.redisUrl;
    return { QUEUE_BACKEND: backend, REDIS_URL: redisUrl, QUEUE_PREFIX: this.queues.prefix };
  }

  private statementCounting(app: AppName): Record<string, string> {
    if (!this.options.countStatements) {
      return {};
    }
    const file = join(this.scratchDir, `${this.database.name}-${app}-${this.counterFiles.length}`);
    this.counterFiles.push(file);
    return {
      NODE_OPTIONS: `--require ${join(__dirname, 'statement-counter.preload.js')}`,
      BENCH_STATEMENT_COUNT_FILE: file,
    };
  }
}
