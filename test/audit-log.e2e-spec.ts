import { TestPlatform } from '@lib/testing';
import type { TestApiKey } from '@lib/testing';

const SLEEP = { type: 'sleep', payload: { ms: 1 } };
const DASHBOARD = { ADMIN_USER: 'operator', ADMIN_PASSWORD: 'correct horse battery' };
const basic = `Basic ${Buffer.from('operator:correct horse battery').toString('base64')}`;

interface Entry {
  at: string;
  actor: { type: string; id: string | null };
  tenant: string;
  action: string;
  job_ids: string[];
  detail: Record<string, unknown> | null;
}

describe('the audit log', () => {
  // No worker: jobs stay where the actions put them.
  const platform = new TestPlatform('audit-log', DASHBOARD);
  let admin: TestApiKey;
  let acme: TestApiKey;
  const as = (key: TestApiKey) => ({ headers: platform.authorization(key.token) });
  const started = new Date();

  beforeAll(async () => {
    await platform.start('api');
    admin = await platform.createApiKey({ tenant: 'ops', scopes: 'admin' });
    acme = await platform.createApiKey({ tenant: 'acme' });
  });
  afterAll(() => platform.stop());

  /** Every entry, newest first, read `limit` at a time through the cursors. */
  async function readAll(limit: number): Promise<{ entries: Entry[]; pages: number }> {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await platform.get(`/audit-log?limit=${limit}${query}`, as(admin));
      expect(page.status).toBe(200);
      entries.push(...(page.body.entries as Entry[]));
      cursor = page.body.next_cursor as string | null;
      pages++;
    } while (cursor !== null);
    return { entries, pages };
  }

  it('records who created, cancelled, retried and triggered which jobs, and when', async () => {
    const single = (await platform.post('/create-jobs', SLEEP, as(acme))).body.job_id as string;
    const batch = await platform.post('/create-jobs', { jobs: [SLEEP, SLEEP, {}] }, as(acme));
    const batchIds = (batch.body.results as Array<{ job_id?: string }>).flatMap((r) =>
      r.job_id ? [r.job_id] : [],
    );
    expect(batchIds).toHaveLength(2);
    expect((await platform.post(`/jobs/${single}/cancel`, {}, as(acme))).status).toBe(200);
    expect((await platform.post(`/jobs/${single}/retry`, {}, as(acme))).status).toBe(202);
    const trigger = await platform.post('/schedules/nightly_data_import/trigger', {}, as(acme));
    expect(trigger.status).toBe(202);
    const removed = batchIds[0];
    const clean = await platform.send('PUT', `/admin/queues/api/queues/default/${removed}/clean`, {
      headers: { authorization: basic },
    });
    expect(clean.status).toBe(204);

    const { entries } = await readAll(50);
    const byKey = { type: 'api_key', id: acme.id };
    expect(entries.map(({ at: _at, ...entry }) => entry)).toEqual([
      {
        actor: { type: 'dashboard', id: 'operator' },
        tenant: '*',
        action: 'dashboard.action',
        job_ids: [removed],
        detail: {
          route: 'PUT /api/queues/:queueName/:jobId/clean',
          queue: 'default',
          status: null,
        },
      },
      {
        actor: byKey,
        tenant: 'acme',
        action: 'schedule.trigger',
        // The nightly ETL's chain: both jobs of the run.
        job_ids: trigger.body.jobs.map((job: { id: string }) => job.id),
        detail: { schedule: 'nightly_data_import' },
      },
      { actor: byKey, tenant: 'acme', action: 'job.retry', job_ids: [single], detail: null },
      { actor: byKey, tenant: 'acme', action: 'job.cancel', job_ids: [single], detail: null },
      { actor: byKey, tenant: 'acme', action: 'jobs.create', job_ids: batchIds, detail: null },
      { actor: byKey, tenant: 'acme', action: 'jobs.create', job_ids: [single], detail: null },
    ]);
    for (const { at } of entries) {
      expect(new Date(at).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
      expect(new Date(at).getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it('pages newest first through next_cursor, each entry once', async () => {
    const all = await readAll(50);
    const paged = await readAll(4);
    expect(paged.pages).toBe(2);
    expect(paged.entries).toEqual(all.entries);
  });

  it('refuses a key without the admin scope with 403, and a made-up cursor with 400', async () => {
    const refused = await platform.get('/audit-log', as(acme));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('admin');
    const bad = await platform.get('/audit-log?cursor=bm9wZQ', as(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe(
      'cursor "bm9wZQ" is not a cursor returned by GET /audit-log (next_cursor).',
    );
  });

  it('names a dashboard action taken with an admin key by the key, never by its token', async () => {
    const job = (await platform.post('/create-jobs', SLEEP, as(acme))).body.job_id as string;
    const clean = await platform.send('PUT', `/admin/queues/api/queues/default/${job}/clean`, {
      headers: platform.authorization(admin.token),
    });
    expect(clean.status).toBe(204);
    const [newest] = (await readAll(50)).entries;
    expect(newest).toMatchObject({
      actor: { type: 'api_key', id: admin.id },
      action: 'dashboard.action',
      job_ids: [job],
    });
    expect(JSON.stringify(newest)).not.toContain(admin.token);
  });
});
