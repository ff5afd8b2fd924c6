import { TestPlatform, eachQueueBackend } from '@lib/testing';

const ADMIN = { ADMIN_USER: 'admin', ADMIN_PASSWORD: 'correct horse' };
const auth = { authorization: `Basic ${Buffer.from('admin:correct horse').toString('base64')}` };
const api = '/admin/queues/api/queues';

eachQueueBackend('the dashboard, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('dashboard', { ...env, ...ADMIN });

  beforeAll(async () => {
    await platform.start('api');
    // No worker serves low: what Postgres says about a low job comes from the dashboard alone.
    await platform.start('worker', { WORKER_QUEUES: 'high,default' });
  });
  afterAll(() => platform.stop());

  it('asks for credentials and refuses wrong ones', async () => {
    // An empty header instead of the platform's key, which has the admin scope.
    const none = { headers: { authorization: '' } };
    expect((await platform.get('/admin/queues', none)).status).toBe(401);
    const wrong = `Basic ${Buffer.from('admin:nope').toString('base64')}`;
    expect(
      (await platform.get('/admin/queues', { headers: { authorization: wrong } })).status,
    ).toBe(401);
    expect((await platform.get(api, none)).status).toBe(401);
    expect((await platform.get('/admin/queues', { headers: auth })).status).toBe(200);
  });

  it('serves a page and styles that name no other origin', async () => {
    const page = await platform.get('/admin/queues', { headers: auth });
    expect(page.body).not.toMatch(/https?:\/\//);
    const stylesheets = [...String(page.body).matchAll(/<link href="(static\/css\/[^"]+)"/g)];
    expect(stylesheets).toHaveLength(1);
    for (const [, href] of stylesheets) {
      const css = await platform.get(`/admin/queues/${href}`, { headers: auth });
      expect(css.status).toBe(200);
      expect(css.body).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//);
    }
  });

  it('shows every queue of the platform', async () => {
    const { body } = await platform.get(api, { headers: auth });
    expect(body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
      'default',
      'etl',
      'high',
      'low',
      'webhooks',
    ]);
  });

  it('links each job to its status document', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    await platform.waitForStatus(id, ['completed']);
    const { body } = await platform.get(`${api}?activeQueue=default&status=completed`, {
      headers: auth,
    });
    const queue = body.queues.find((candidate: { name: string }) => candidate.name === 'default');
    const job = queue.jobs.find((candidate: { id: string }) => candidate.id === id);
    expect(job.externalUrl).toEqual({
      displayText: 'Status document',
      href: `/admin/queues/job-status/${id}`,
    });
    // The board's own credentials open it, as a browser on the board sends them.
    const document = await platform.get(job.externalUrl.href, { headers: auth });
    expect(document.body).toEqual((await platform.get(`/job-status/${id}`)).body);
    const anonymous = await platform.get(job.externalUrl.href, { headers: { authorization: '' } });
    expect(anonymous.status).toBe(401);
  });

  it('retries a failed job: it is queued again in Postgres and runs', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 1 },
      max_attempts: 1,
    });
    await platform.waitForStatus(id, ['failed']);
    const retried = await platform.send('PUT', `${api}/default/${id}/retry`, { headers: auth });
    expect(retried.status).toBe(204);
    const job = await platform.waitForStatus(id, ['completed']);
    expect(job).toMatchObject({
      attempts: 2,
      result: { attempt: 2 },
      finished_at: expect.any(String),
    });
  });

  it('promotes a scheduled job: Postgres shows it queued to run now', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1 },
      queue: 'low',
      delay_ms: 600_000,
    });
    expect((await platform.get(`/job-status/${id}`)).body.status).toBe('scheduled');
    const promoted = await platform.send('PUT', `${api}/low/${id}/promote`, { headers: auth });
    expect(promoted.status).toBe(204);
    expect((await platform.get(`/job-status/${id}`)).body).toMatchObject({
      status: 'queued',
      run_at: null,
    });
  });

  it('cleans finished jobs from Redis while Postgres keeps their status', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    await platform.waitForStatus(id, ['completed']);
    const cleaned = await platform.send('PUT', `${api}/default/${id}/clean`, { headers: auth });
    expect(cleaned.status).toBeLessThan(300);
    expect(await platform.holdsQueuedCopy('default', id)).toBe(false);
    expect((await platform.get(`/job-status/${id}`)).body.status).toBe('completed');
  });

  it('does not add jobs, which would bypass validation and Postgres', async () => {
    const before = (await platform.rows()).length;
    const added = await platform.send('POST', `${api}/default/add`, {
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sleep', data: { type: 'sleep', payload: { ms: -1 } } }),
    });
    expect(added.status).toBe(400);
    expect(JSON.stringify(added.body)).toContain('Create jobs with POST /create-jobs');
    expect(await platform.rows()).toHaveLength(before);
  });
});

describe('the dashboard without credentials configured', () => {
  const platform = new TestPlatform('dashboard-off');
  afterAll(() => platform.stop());

  it('is not mounted, and the log says why', async () => {
    const api = await platform.start('api');
    expect((await platform.get('/admin/queues')).status).toBe(404);
    expect(api.logs()).toContain(
      'Bull Board is not mounted: set ADMIN_USER and ADMIN_PASSWORD to serve it at /admin/queues.',
    );
  });
});
