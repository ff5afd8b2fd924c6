import { randomUUID } from 'node:crypto';
import { TestPlatform } from '@lib/testing';

/** Each endpoint and the scope it needs. */
const NEEDS = (id: string): Array<[string, string, string]> => [
  ['POST', '/create-jobs', 'jobs:create'],
  ['GET', `/job-status/${id}`, 'jobs:read'],
  ['GET', `/job-status/${id}/events`, 'jobs:read'],
  ['GET', '/jobs', 'jobs:read'],
  ['POST', `/jobs/${id}/cancel`, 'jobs:cancel'],
  ['DELETE', `/jobs/${id}`, 'jobs:cancel'],
  ['POST', `/jobs/${id}/retry`, 'jobs:retry'],
  ['GET', '/schedules', 'schedules:read'],
  ['POST', '/schedules/nightly_data_import/trigger', 'schedules:trigger'],
];
const ALL = NEEDS('').map(([, , scope]) => scope);

describe('API key scopes and job types', () => {
  const platform = new TestPlatform('api-key-scopes');
  const sleep = { type: 'sleep', payload: { ms: 1 } };

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('refuses each endpoint with 403 naming the scope a key lacks, and lets the scope in', async () => {
    const id = await platform.createJob(sleep);
    for (const [method, path, scope] of NEEDS(id)) {
      const others = [...new Set(ALL.filter((s) => s !== scope))].join(',');
      const without = await platform.createApiKey({ tenant: 'default', scopes: others });
      const refused = await platform.send(method, path, {
        headers: { ...platform.authorization(without.token), 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify(sleep) : undefined,
      });
      expect([method, path, refused.status]).toEqual([method, path, 403]);
      expect(refused.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: expect.stringContaining(`lacks the scope "${scope}"`),
        code: 'scope_missing',
      });
    }
    const reader = await platform.createApiKey({ tenant: 'default', scopes: 'jobs:read' });
    const read = await platform.get(`/job-status/${id}`, {
      headers: platform.authorization(reader.token),
    });
    expect(read.status).toBe(200);
  });

  it('keeps the admin scope out of a key created without --scopes', async () => {
    const key = await platform.createApiKey({ tenant: 'default' });
    expect(key.scopes).not.toContain('admin');
  });

  it('refuses a job type the key may not create with 403 naming the type', async () => {
    const key = await platform.createApiKey({ tenant: 'default', types: 'sleep,data_import' });
    const auth = { headers: platform.authorization(key.token) };
    const refused = await platform.post(
      '/create-jobs',
      { type: 'truncate_table', payload: { table: 'public.daily_stats' } },
      auth,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'This API key may not create jobs of type "truncate_table". It may create: data_import, sleep.',
    );
    expect(await platform.rows()).not.toContainEqual(
      expect.objectContaining({ type: 'truncate_table' }),
    );
    expect((await platform.post('/create-jobs', sleep, auth)).status).toBe(202);
  });

  it('refuses only the disallowed jobs of a batch, creating the others', async () => {
    const key = await platform.createApiKey({ tenant: 'default', types: 'sleep' });
    const answer = await platform.post(
      '/create-jobs',
      {
        jobs: [sleep, { type: 'truncate_table', payload: { table: 'public.daily_stats' } }, sleep],
      },
      { headers: platform.authorization(key.token) },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r: { result: string }) => r.result)).toEqual([
      'created',
      'refused',
      'created',
    ]);
    expect(answer.body.results[1]).toEqual({
      result: 'refused',
      status_code: 403,
      error: {
        statusCode: 403,
        error: 'Forbidden',
        message: expect.stringContaining('may not create jobs of type "truncate_table"'),
        code: 'job_type_not_allowed',
      },
    });
  });

  it('answers 404 for an unknown job to a key with the scope, not 403', async () => {
    const answer = await platform.get(`/job-status/${randomUUID()}`);
    expect(answer.status).toBe(404);
  });
});
