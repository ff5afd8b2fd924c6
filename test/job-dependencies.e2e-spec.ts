import { FAST_RECOVERY, RedisServer, TestPlatform, readEvents, waitFor } from '@lib/testing';

describe('jobs that depend on other jobs', () => {
  let redis: RedisServer;
  let platform: TestPlatform;

  beforeAll(async () => {
    redis = await RedisServer.start();
    platform = new TestPlatform('dependencies', { REDIS_URL: redis.url, ...FAST_RECOVERY });
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(async () => {
    await platform.stop();
    await redis.kill();
  });

  const sleep = (ms: number, extra: Record<string, unknown> = {}) =>
    platform.createJob({ type: 'sleep', payload: { ms, message: `slept ${ms}` }, ...extra });
  const failing = () => sleep(1, { payload: { ms: 1, fail_attempts: 1 }, max_attempts: 1 });
  const statusOf = async (id: string) => (await platform.get(`/job-status/${id}`)).body;

  it('runs a chain in order, each step waiting, and the last reads what the others returned', async () => {
    const a = await sleep(600);
    const b = await sleep(300, { depends_on: [a] });
    const c = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, report_dependencies: true },
      depends_on: [a, b],
    });
    expect(await statusOf(b)).toMatchObject({
      status: 'waiting',
      depends_on: [a],
      on_dependency_failure: 'cancel',
    });
    expect((await statusOf(c)).status).toBe('waiting');
    const last = await platform.waitForStatus(c, ['completed']);
    const [first, second] = [await statusOf(a), await statusOf(b)];
    expect(Date.parse(second.started_at)).toBeGreaterThanOrEqual(Date.parse(first.finished_at));
    expect(Date.parse(last.started_at)).toBeGreaterThanOrEqual(Date.parse(second.finished_at));
    expect(last.dependencies).toEqual([
      { id: a, type: 'sleep', status: 'completed' },
      { id: b, type: 'sleep', status: 'completed' },
    ]);
    expect(last.result.dependencies).toEqual([
      { id: a, type: 'sleep', result: first.result },
      { id: b, type: 'sleep', result: second.result },
    ]);
  });

  it('answers a created dependent as waiting, and streams its release', async () => {
    const a = await sleep(500);
    const created = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      depends_on: [a],
    });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('waiting');
    const url = `${platform.url}/job-status/${created.body.job_id}/events`;
    const events = await readEvents(url, 20_000, platform.authorization());
    const statuses = events.map((event) => (JSON.parse(event.data) as { status: string }).status);
    expect(statuses[0]).toBe('waiting');
    expect(statuses.at(-1)).toBe('completed');
  });

  it('cancels the dependents of a failed job, their errors naming it and its status', async () => {
    const a = await failing();
    const b = await sleep(1, { depends_on: [a] });
    const c = await sleep(1, { depends_on: [b] });
    const second = await platform.waitForStatus(b, ['cancelled']);
    expect(second.error).toMatchObject({ name: 'DependencyFailedError', permanent: true });
    expect(second.error.message).toContain(`Dependency ${a} ended failed`);
    expect(second.dependencies).toEqual([{ id: a, type: 'sleep', status: 'failed' }]);
    const third = await platform.waitForStatus(c, ['cancelled']);
    expect(third.error.message).toContain(`Dependency ${b} ended cancelled`);
    expect(third.started_at).toBeNull();
  });

  it('runs the dependent anyway with on_dependency_failure "run"', async () => {
    const a = await failing();
    const b = await sleep(1, { depends_on: [a], on_dependency_failure: 'run' });
    expect((await platform.waitForStatus(b, ['completed'])).dependencies).toEqual([
      { id: a, type: 'sleep', status: 'failed' },
    ]);
  });

  it('cancels a waiting job like a queued one: at once, and it never runs', async () => {
    const a = await sleep(800);
    const b = await sleep(1, { depends_on: [a] });
    const cancelled = await platform.post(`/jobs/${b}/cancel`, {});
    expect(cancelled.body).toMatchObject({ job_id: b, status: 'cancelled' });
    await platform.waitForStatus(a, ['completed']);
    const job = await statusOf(b);
    expect(job).toMatchObject({ status: 'cancelled', started_at: null, attempts: 0 });
  });

  it('lets a dependent be retried once its failed dependency was retried, and then it waits for it', async () => {
    const a = await failing();
    const b = await sleep(1, { depends_on: [a] });
    await platform.waitForStatus(b, ['cancelled']);

    const early = await platform.post(`/jobs/${b}/retry`, {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'dependency_not_retried' });
    expect(early.body.message).toBe(
      `Job ${b} depends on job ${a}, which is failed: retry ${a} first, then this job (it then waits for ${a} to complete).`,
    );

    // The retried dependency runs its (fresh) first attempt again, which fails again:
    // with one more attempt allowed it completes.
    await platform.database.query('UPDATE job_statuses SET max_attempts = 2 WHERE id = $1', [a]);
    expect((await platform.post(`/jobs/${a}/retry`, {})).status).toBe(202);
    const again = await platform.post(`/jobs/${b}/retry`, {});
    expect(again.status).toBe(202);
    expect(['waiting', 'queued']).toContain(again.body.status);
    await platform.waitForStatus(b, ['completed']);
    expect((await statusOf(a)).status).toBe('completed');
  });

  it('refuses dependencies that do not exist or are not the caller’s, and bad lists, writing nothing', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const unknown = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      depends_on: [missing],
      idempotency_key: 'deps-missing',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_dependency' });
    expect(unknown.body.message).toBe(
      `depends_on names job ${missing}, which does not exist: a job can only depend on jobs of its own tenant that exist when it is created.`,
    );
    const rows = await platform.database.query(
      "SELECT id FROM job_statuses WHERE idempotency_key = 'deps-missing'",
    );
    expect(rows).toEqual([]);

    const other = await platform.createApiKey({ tenant: 'other' });
    const theirs = await platform.post(
      '/create-jobs',
      { type: 'sleep', payload: { ms: 1 } },
      { headers: platform.authorization(other.token) },
    );
    const foreign = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      depends_on: [theirs.body.job_id],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toBe(unknown.body.message.replace(missing, theirs.body.job_id));

    const cases: Array<[unknown, string]> = [
      ['nope', 'depends_on must be an array of job ids, got "nope".'],
      [['x'], 'depends_on must hold job ids (UUIDs), got ["x"].'],
      [[missing, missing], `depends_on must name each job once, got ["${missing}","${missing}"].`],
    ];
    for (const [dependsOn, message] of cases) {
      const response = await platform.post('/create-jobs', {
        type: 'sleep',
        payload: { ms: 1 },
        depends_on: dependsOn,
      });
      expect({ status: response.status, message: response.body.message }).toEqual({
        status: 400,
        message,
      });
    }
    const tooMany = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      depends_on: Array.from(
        { length: 101 },
        (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      ),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/^depends_on must name at most 100 jobs, got /);
    const policy = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      on_dependency_failure: 'skip',
    });
    expect(policy.body.message).toBe(
      'on_dependency_failure must be "cancel" or "run", got "skip".',
    );
  });

  it('keeps dependencies through a SIGKILLed worker and a Redis FLUSHALL', async () => {
    const a = await sleep(1500);
    const b = await sleep(1, { depends_on: [a] });
    const c = await sleep(1, { depends_on: [b] });
    await platform.waitForStatus(a, ['running']);
    const [worker] = platform.apps('worker');
    await worker.stop('SIGKILL');
    expect(await redis.command('FLUSHALL')).toBe('OK');
    await platform.start('worker', { WORKER_STALL_TIMEOUT_MS: '2000' });
    for (const id of [a, b, c]) {
      await platform.waitForStatus(id, ['completed'], 60_000);
    }
    const [first, second, third] = await Promise.all([a, b, c].map(statusOf));
    expect(Date.parse(second.started_at)).toBeGreaterThanOrEqual(Date.parse(first.finished_at));
    expect(Date.parse(third.started_at)).toBeGreaterThanOrEqual(Date.parse(second.finished_at));
  });

  it('lists waiting jobs by their status', async () => {
    const a = await sleep(800);
    const b = await sleep(1, { depends_on: [a] });
    await waitFor(
      'the dependent to be listed as waiting',
      async () => (await platform.get('/jobs?status=waiting&fields=id')).body.jobs,
      (jobs: Array<{ id: string }>) => jobs.some((job) => job.id === b),
    );
    await platform.waitForStatus(b, ['completed']);
  });
});
