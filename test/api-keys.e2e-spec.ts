import { randomUUID } from 'node:crypto';
import { TestPlatform, checkedFetch, waitFor } from '@lib/testing';
import type { TestApiKey } from '@lib/testing';

async function cliCreate(platform: TestPlatform, args: string[]): Promise<TestApiKey> {
  const run = await platform.apiKeyCli(['create', ...args]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as TestApiKey;
}

/** Every endpoint that needs a key, with a path that would otherwise answer 2xx or 4xx. */
const ENDPOINTS = (id: string): Array<[string, string]> => [
  ['POST', '/create-jobs'],
  ['GET', `/job-status/${id}`],
  ['GET', `/job-status/${id}/events`],
  ['GET', '/jobs'],
  ['POST', `/jobs/${id}/cancel`],
  ['DELETE', `/jobs/${id}`],
  ['POST', `/jobs/${id}/retry`],
  ['GET', '/schedules'],
  ['POST', '/schedules/nightly_data_import/trigger'],
];

describe('API keys', () => {
  const platform = new TestPlatform('api-keys');
  const createWithCli = (...args: string[]) => cliCreate(platform, args);
  const jobId = randomUUID();
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ type: 'sleep', payload: { ms: 1 } });

  /** A request with exactly these headers: no platform key is added. */
  const bare = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const response = await checkedFetch(`${platform.url}${path}`, {
      method,
      headers: method === 'POST' ? { ...json, ...headers } : headers,
      body: method === 'POST' ? body : undefined,
    });
    return { status: response.status, headers: response.headers, body: JSON.parse(response.text) };
  };

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('refuses every endpoint without a key: 401 with a Bearer challenge, naming the header', async () => {
    for (const [method, path] of ENDPOINTS(jobId)) {
      const answer = await bare(method, path);
      expect([method, path, answer.status]).toEqual([method, path, 401]);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(answer.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringContaining('Authorization: Bearer <token>'),
        code: 'api_key_required',
      });
    }
  });

  it('refuses every endpoint with an unknown key, or a malformed header, with 401', async () => {
    for (const [method, path] of ENDPOINTS(jobId)) {
      const unknown = await bare(method, path, { authorization: 'Bearer jp_not-a-key' });
      expect([method, path, unknown.status]).toEqual([method, path, 401]);
      expect(unknown.body.message).toContain('unknown or revoked');
    }
    expect((await bare('GET', '/jobs', { authorization: platform.apiKey })).status).toBe(401);
    expect(
      (await bare('GET', '/jobs', { authorization: `Basic ${btoa(`x:${platform.apiKey}`)}` }))
        .status,
    ).toBe(401);
  });

  it('lets probes, metrics and the API docs through without a key', async () => {
    for (const path of ['/health', '/health/ready', '/metrics', '/docs-json']) {
      const response = await checkedFetch(`${platform.url}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
    }
  });

  it('accepts a key created by the CLI, and stores only a hash of its token', async () => {
    const key = await createWithCli('--tenant', 'default', '--name', 'ci');
    const answer = await bare('GET', '/jobs', platform.authorization(key.token));
    expect(answer.status).toBe(200);
    const rows = await platform.database.query<Record<string, unknown>>(
      'SELECT * FROM api_keys WHERE id = $1',
      [key.id],
    );
    expect(JSON.stringify(rows)).not.toContain(key.token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a revoked key on every endpoint within 5 s of the revocation', async () => {
    const key = await platform.createApiKey({ tenant: 'default' });
    const auth = platform.authorization(key.token);
    expect((await bare('GET', '/jobs', auth)).status).toBe(200);
    const revoked = await platform.apiKeyCli(['revoke', key.id]);
    expect(revoked.code).toBe(0);
    const revokedAt = Date.now();
    await waitFor(
      'the revoked key to be refused',
      () => bare('GET', '/jobs', auth),
      (r) => r.status === 401,
      { timeoutMs: 6000, intervalMs: 100 },
    );
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    for (const [method, path] of ENDPOINTS(jobId)) {
      expect([method, path, (await bare(method, path, auth)).status]).toEqual([method, path, 401]);
    }
  });
});

describe('the api-key command', () => {
  const platform = new TestPlatform('api-key-cli');
  const createWithCli = (...args: string[]) => cliCreate(platform, args);
  afterAll(() => platform.stop());

  it('creates a key, printing one JSON line with id, tenant, scopes and token', async () => {
    const run = await platform.apiKeyCli(['create', '--tenant', 'acme', '--name', 'etl']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const key = JSON.parse(run.stdout);
    expect(Object.keys(key)).toEqual(['id', 'tenant', 'scopes', 'token']);
    expect(key).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tenant: 'acme',
      // Without --scopes: everything but admin.
      scopes: [
        'jobs:create',
        'jobs:read',
        'jobs:cancel',
        'jobs:retry',
        'schedules:read',
        'schedules:trigger',
      ],
      token: expect.stringMatching(/^jp_[A-Za-z0-9_-]{43}$/),
    });
  });

  it('lists keys without their tokens, one JSON line each, optionally of one tenant', async () => {
    const limited = await createWithCli(
      '--tenant',
      'beta',
      '--scopes',
      'jobs:read,jobs:create',
      '--types',
      'sleep',
    );
    const all = await platform.apiKeyCli(['list']);
    expect(all.code).toBe(0);
    expect(all.stdout).not.toContain('jp_');
    const lines = all.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((key) => key.tenant)).toEqual(['acme', 'beta']);
    const beta = await platform.apiKeyCli(['list', '--tenant', 'beta']);
    expect(JSON.parse(beta.stdout)).toEqual({
      id: limited.id,
      tenant: 'beta',
      name: null,
      scopes: ['jobs:read', 'jobs:create'],
      job_types: ['sleep'],
      created_at: expect.any(String),
      revoked_at: null,
    });
  });

  it('revokes a key, which list then shows revoked', async () => {
    const key = await createWithCli('--tenant', 'gamma');
    const run = await platform.apiKeyCli(['revoke', key.id]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ id: key.id, revoked: true });
    const listed = JSON.parse((await platform.apiKeyCli(['list', '--tenant', 'gamma'])).stdout);
    expect(listed.revoked_at).toEqual(expect.any(String));
    const again = await platform.apiKeyCli(['revoke', key.id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`No current API key has id ${key.id}`);
  });

  it.each([
    [
      ['create', '--tenant', 'acme', '--scopes', 'jobs:read,jobs:delete'],
      'Unknown scope "jobs:delete"',
    ],
    [['create', '--tenant', 'Bad Tenant'], 'Tenant "Bad Tenant" is not a valid tenant name'],
    [['create', '--tenant', 'acme', '--colour', 'red'], 'Unknown or incomplete option --colour'],
    [['create'], 'create needs --tenant'],
    [['rotate'], 'Unknown command "rotate"'],
    [['revoke', 'not-a-uuid'], 'revoke takes one key id'],
  ])('refuses %j with one line on stderr naming the problem', async (args, problem) => {
    const run = await platform.apiKeyCli(args);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(problem);
  });
});
