import { TestPlatform, checkedFetch, eachQueueBackend } from '@lib/testing';
import type { AppProcess, TestApiKey } from '@lib/testing';

const SLEEP = { type: 'sleep', payload: { ms: 1 } };

/** POST /create-jobs to one API process of several, as the tenant of `key`. */
async function create(api: AppProcess, key: TestApiKey, body: unknown) {
  const response = await checkedFetch(`http://127.0.0.1:${api.env.PORT}/create-jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key.token}` },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: response.body as any,
  };
}

/**
 * Starts two API processes sharing the platform's database and Redis prefix, and makes a
 * key for tenants acme and other; stops the platform after the file's tests.
 */
function twoApisAndTwoTenants(platform: TestPlatform) {
  const setup = {} as { apis: AppProcess[]; acme: TestApiKey; other: TestApiKey };
  beforeAll(async () => {
    setup.apis = [await platform.start('api'), await platform.start('api')];
    setup.acme = await platform.createApiKey({ tenant: 'acme' });
    setup.other = await platform.createApiKey({ tenant: 'other' });
  });
  afterAll(() => platform.stop());
  return setup;
}

describe('max_pending_jobs across two API processes', () => {
  // No worker: every created job stays unfinished.
  const platform = new TestPlatform('quota-pending', {
    TENANT_QUOTAS: JSON.stringify({ '*': { max_pending_jobs: 5 } }),
  });
  const setup = twoApisAndTwoTenants(platform);
  let apis: AppProcess[];
  let acme: TestApiKey;
  let other: TestApiKey;
  beforeAll(() => ({ apis, acme, other } = setup));

  it('creates exactly the quota when both processes are sent creates at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 14 }, (_, n) => create(apis[n % 2], acme, SLEEP)),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(5);
    expect(refused).toHaveLength(9);
    expect(refused[0].body.message).toBe(
      'Tenant "acme" already has 5 unfinished jobs, its max_pending_jobs quota of 5 ' +
        '(TENANT_QUOTAS): create more once some finish, or cancel some.',
    );
    expect(await platform.rows()).toHaveLength(5);
  });

  it("still creates another tenant's jobs", async () => {
    expect((await create(apis[1], other, SLEEP)).status).toBe(202);
  });

  it('creates the jobs of a batch that fit and refuses the others, each with 429', async () => {
    const [first, second] = await platform.database.query<{ id: string }>(
      "SELECT id FROM job_statuses WHERE tenant_id = 'acme' AND status = 'queued' ORDER BY seq LIMIT 2",
    );
    const asAcme = { headers: platform.authorization(acme.token) };
    for (const { id } of [first, second]) {
      expect((await platform.post(`/jobs/${id}/cancel`, {}, asAcme)).status).toBeLessThan(300);
    }
    const { status, body } = await create(apis[0], acme, { jobs: [SLEEP, SLEEP, SLEEP, SLEEP] });
    expect(status).toBe(200);
    expect(body.results.map((result: { status_code: number }) => result.status_code)).toEqual([
      202, 202, 429, 429,
    ]);
    expect(body.results[2].error.message).toContain('max_pending_jobs quota of 5');
  });
});

eachQueueBackend('create_per_minute across two API processes, counted in $backend', ({ env }) => {
  const platform = new TestPlatform('quota-rate', {
    ...env,
    TENANT_QUOTAS: JSON.stringify({ '*': { create_per_minute: 3 } }),
  });
  const setup = twoApisAndTwoTenants(platform);
  let apis: AppProcess[];
  let acme: TestApiKey;
  let other: TestApiKey;
  beforeAll(() => ({ apis, acme, other } = setup));

  it('refuses the creates past the rate on either process, saying when to retry', async () => {
    const statuses = [];
    for (const api of [apis[0], apis[1], apis[0]]) {
      statuses.push((await create(api, acme, SLEEP)).status);
    }
    expect(statuses).toEqual([202, 202, 202]);
    const refused = await create(apis[1], acme, SLEEP);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(
      /^Tenant "acme" may create 3 jobs a minute \(create_per_minute in TENANT_QUOTAS\); retry in \d+ s\.$/,
    );
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await platform.rows()).toHaveLength(3);
  });

  it("never refuses another tenant's creates for the flood", async () => {
    expect((await create(apis[0], other, SLEEP)).status).toBe(202);
    expect((await create(apis[1], other, SLEEP)).status).toBe(202);
  });

  it('counts each job of a batch', async () => {
    const refused = await create(apis[0], other, { jobs: [SLEEP, SLEEP] });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });
});
