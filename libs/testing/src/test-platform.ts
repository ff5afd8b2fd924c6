import { ALL_SCOPES, ApiKeyStore, parseScopes } from '@lib/auth';
import { QUEUE_SCHEMA } from '@lib/queues';
import { checkedFetch, contractOf } from './checked-fetch';
import { runApiKeyCli } from './api-key-cli';
import { AppProcess } from './app-process';
import type { AppName } from './app-process';
import { freePort } from './free-port';
import { TestDatabase } from './test-database';
import { TestQueuePrefix } from './test-queue-prefix';
import { waitFor } from './wait-for';

export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A key as `npm run api-key -- create` prints it. */
export interface TestApiKey {
  id: string;
  tenant: string;
  scopes: string[];
  token: string;
}

/**
 * The whole platform for one test file: its own database and queue prefix, the real
 * apps as processes, and an HTTP client for the API that sends an API key of tenant
 * `default` with every scope (created once the first API is up). `stop()` ends the
 * apps and removes the database and the Redis keys.
 */
export class TestPlatform {
  readonly database: TestDatabase;
  readonly queues: TestQueuePrefix;
  private readonly processes: AppProcess[] = [];
  private apiUrl = '';
  private token = '';

  constructor(
    label: string,
    private readonly env: Record<string, string> = {},
  ) {
    this.database = new TestDatabase(label);
    // REDIS_CLUSTER_NODES in `env`: the platform runs on that Redis Cluster instead.
    this.queues = new TestQueuePrefix(
      label,
      undefined,
      env.REDIS_CLUSTER_NODES ?? null,
      env.QUEUE_PREFIX,
    );
  }

  /** Environment every app of this platform gets, plus `extra`. */
  envFor(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.database.url,
      // Empty, as if unset, on a cluster or without Redis: the apps refuse REDIS_URL there.
      REDIS_URL: this.queues.clusterNodes || this.onPostgresQueues ? '' : this.queues.redisUrl,
      QUEUE_PREFIX: this.queues.prefix,
      LOG_LEVEL: 'info',
      WORKER_STALL_TIMEOUT_MS: '2000',
      ...this.env,
      ...extra,
    };
  }

  /** QUEUE_BACKEND=postgres in `env`: the queues live in the platform's database. */
  get onPostgresQueues(): boolean {
    return this.env.QUEUE_BACKEND === 'postgres';
  }

  /** Whether the queues hold a copy of the job (in Redis, or in BullMQ's Postgres schema). */
  async holdsQueuedCopy(queue: string, id: string): Promise<boolean> {
    if (!this.onPostgresQueues) {
      return (await this.queues.keys(`${queue}:${id}`)).length > 0;
    }
    const rows = await this.database.query(
      `SELECT 1 FROM ${QUEUE_SCHEMA}.job WHERE queue = $1 AND id = $2`,
      [queue, id],
    );
    return rows.length > 0;
  }

  /** Starts an app and waits until it is ready. */
  async start(app: AppName, extra: Record<string, string> = {}): Promise<AppProcess> {
    const env = this.envFor(extra);
    if (app === 'api') {
      env.PORT ??= String(await freePort());
      this.apiUrl = `http://127.0.0.1:${env.PORT}`;
    } else {
      env.HEALTH_PORT ??= String(await freePort());
    }
    const process = new AppProcess(app, env);
    this.processes.push(process);
    await process.ready();
    // Every answer is checked against the API's document: loaded now, while the API is up.
    if (app === 'api') {
      await contractOf(this.apiUrl);
    }
    // The API has applied the migrations by now, api_keys among them.
    if (app === 'api' && this.token === '') {
      const key = await new ApiKeyStore(this.database).create({
        tenant: 'default',
        name: 'test platform',
        scopes: ALL_SCOPES,
      });
      this.token = key.token;
    }
    return process;
  }

  /** The token the HTTP helpers send (tenant `default`, every scope); empty before the API starts. */
  get apiKey(): string {
    return this.token;
  }

  /** `{authorization: 'Bearer …'}` with the platform's key, or with `token` when given. */
  authorization(token = this.token): Record<string, string> {
    return { authorization: `Bearer ${token}` };
  }

  /** Runs `npm run api-key -- …args` against this platform's database. */
  apiKeyCli(args: readonly string[]) {
    return runApiKeyCli(args, { DATABASE_URL: this.database.url, LOG_LEVEL: 'warn' });
  }

  /**
   * Creates a key as `api-key create` does, without the start-up of a process each time:
   * `scopes` and `types` are comma-separated lists as the CLI takes them.
   */
  async createApiKey(key: {
    tenant: string;
    scopes?: string;
    types?: string;
  }): Promise<TestApiKey> {
    const created = await new ApiKeyStore(this.database).create({
      tenant: key.tenant,
      scopes: key.scopes === undefined ? undefined : parseScopes(key.scopes),
      jobTypes: key.types?.split(','),
    });
    return { id: created.id, tenant: created.tenant, scopes: created.scopes, token: created.token };
  }

  async post<T = any>(
    path: string,
    body: unknown,
    init: RequestInit = {},
  ): Promise<HttpResponse<T>> {
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    return this.request<T>(path, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
      headers,
    });
  }

  async get<T = any>(path: string, init: RequestInit = {}): Promise<HttpResponse<T>> {
    return this.request<T>(path, { method: 'GET', ...init });
  }

  /** Any request to the API, e.g. a PUT to the dashboard's API. */
  async send<T = any>(
    method: string,
    path: string,
    init: RequestInit = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>(path, { method, ...init });
  }

  /** The API's base URL, e.g. for a browser. */
  get url(): string {
    return this.apiUrl;
  }

  /** Creates a job and returns its id; fails the test unless the API answers 202. */
  async createJob(request: Record<string, unknown>): Promise<string> {
    const response = await this.post<{ job_id: string }>('/create-jobs', request);
    if (response.status !== 202) {
      throw new Error(
        `POST /create-jobs answered ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body.job_id;
  }

  /** Waits until the job's status is one of `statuses` and returns the status document. */
  async waitForStatus(id: string, statuses: string[], timeoutMs = 20_000): Promise<any> {
    const response = await waitFor(
      `job ${id} to be ${statuses.join(' or ')}`,
      () => this.get(`/job-status/${id}`),
      (r) => statuses.includes(r.body?.status),
      { timeoutMs },
    );
    return response.body;
  }

  /**
   * Creates jobs in the background, `rounds` bursts of `size` concurrent requests. `created`
   * fills with the id of every job the API acknowledged (202); `refused` counts the others.
   */
  createInBursts(
    rounds: number,
    size: number,
    request: Record<string, unknown>,
  ): { created: string[]; refused: () => number; done: Promise<void> } {
    const created: string[] = [];
    let refused = 0;
    const done = (async () => {
      for (let round = 0; round < rounds; round++) {
        const burst = Array.from({ length: size }, () =>
          this.createJob(request).then(
            (id) => created.push(id),
            () => refused++,
          ),
        );
        await Promise.all(burst);
      }
    })();
    return { created, refused: () => refused, done };
  }

  /**
   * Waits until every job of `ids` is final, then says what went wrong, if anything: jobs
   * that did not complete, jobs the workers logged as completed more than once, and rows
   * of this platform still waiting. All empty when every job completed exactly once.
   */
  async settlement(ids: readonly string[], timeoutMs = 60_000) {
    const statuses = await this.waitForAllFinished(ids, timeoutMs);
    return {
      notCompleted: [...statuses].filter(([, status]) => status !== 'completed'),
      completedTwice: this.completedMoreThanOnce(),
      waiting: await this.waitingRows(),
    };
  }

  /**
   * Waits until every job of `ids` has a final status in Postgres; on timeout the error
   * names the jobs still unfinished. Returns the final statuses by id.
   */
  async waitForAllFinished(
    ids: readonly string[],
    timeoutMs = 60_000,
  ): Promise<Map<string, string>> {
    const final = ['completed', 'failed', 'cancelled'];
    const progress = await waitFor(
      `${ids.length} jobs to finish`,
      async () => {
        const rows = await this.database.query<{ id: string; status: string }>(
          'SELECT id, status FROM job_statuses WHERE id = ANY($1)',
          [ids],
        );
        const unfinished = rows.filter((row) => !final.includes(row.status));
        // A Map prints as {} in the timeout message, which shows the rest.
        const byId = new Map(rows.map((row) => [row.id, row.status]));
        return { byId, missing: ids.length - rows.length, unfinished: unfinished.slice(0, 5) };
      },
      ({ missing, unfinished }) => missing === 0 && unfinished.length === 0,
      { timeoutMs, intervalMs: 200 },
    );
    return progress.byId;
  }

  /** Ids of jobs that the workers of this platform logged as completed more than once. */
  completedMoreThanOnce(): string[] {
    const completions = new Map<string, number>();
    for (const worker of this.apps('worker')) {
      for (const line of worker.logs().split('\n')) {
        if (line.includes('"Job completed."')) {
          const id = (JSON.parse(line) as { job_id: string }).job_id;
          completions.set(id, (completions.get(id) ?? 0) + 1);
        }
      }
    }
    return [...completions].filter(([, count]) => count > 1).map(([id]) => id);
  }

  /** Rows still waiting (queued, scheduled or retrying) in Postgres. */
  async waitingRows(): Promise<Array<Record<string, unknown>>> {
    return this.database.query(
      "SELECT id, status FROM job_statuses WHERE status IN ('queued', 'scheduled', 'retrying')",
    );
  }

  /** Rows of job_statuses, to check what was (not) written. */
  async rows(): Promise<Array<Record<string, unknown>>> {
    return this.database.query('SELECT * FROM job_statuses ORDER BY seq');
  }

  /** The processes of `app` started so far, oldest first. */
  apps(app: AppName): AppProcess[] {
    return this.processes.filter((process) => process.app === app);
  }

  /** Kills (SIGKILL) every process of `app` started so far, e.g. the workers after each test. */
  async kill(app: AppName): Promise<void> {
    const doomed = this.apps(app);
    await Promise.all(doomed.map((process) => process.stop('SIGKILL')));
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((app) => app.stop('SIGKILL')));
    await this.queues.clear();
    await this.database.drop();
  }

  // The platform's key unless the request brings an Authorization header of its own.
  private async request<T>(path: string, init: RequestInit): Promise<HttpResponse<T>> {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization') && this.token !== '') {
      headers.set('authorization', `Bearer ${this.token}`);
    }
    const {
      status,
      headers: answered,
      body,
    } = await checkedFetch(`${this.apiUrl}${path}`, {
      ...init,
      headers,
    });
    return { status, headers: answered, body: body as T };
  }
}
