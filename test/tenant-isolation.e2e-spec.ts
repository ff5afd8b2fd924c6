import { randomUUID } from 'node:crypto';
import { TestPlatform } from '@lib/testing';
import type { TestApiKey } from '@lib/testing';

describe('tenant isolation', () => {
  const platform = new TestPlatform('tenant-isolation');
  let acme: TestApiKey;
  let beta: TestApiKey;
  // Scheduled an hour out and no worker: the job stays as created.
  const later = { type: 'sleep', payload: { ms: 1 }, delay_ms: 3_600_000 };

  const as = (key: TestApiKey) => ({ headers: platform.authorization(key.token) });
  const createAs = async (key: TestApiKey, request: Record<string, unknown> = later) => {
    const answer = await platform.post('/create-jobs', request, as(key));
    expect(answer.status).toBe(202);
    return answer.body.job_id as string;
  };
  /** What an unknown id answers, with that id. */
  const notFound = (id: string) => ({
    statusCode: 404,
    error: 'Not Found',
    message: `Job ${id} does not exist (or has been deleted).`,
    code: 'job_not_found',
  });

  beforeAll(async () => {
    await platform.start('api');
    acme = await platform.createApiKey({ tenant: 'acme' });
    beta = await platform.createApiKey({ tenant: 'beta' });
  });
  afterAll(() => platform.stop());

  it("records a job under its key's tenant and refuses a tenant_id in the body", async () => {
    const id = await createAs(acme);
    const [row] = await platform.database.query(
      'SELECT tenant_id FROM job_statuses WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ tenant_id: 'acme' });
    const smuggled = await platform.post('/create-jobs', { ...later, tenant_id: 'beta' }, as(acme));
    expect(smuggled.status).toBe(400);
    expect(JSON.stringify(smuggled.body.message)).toContain('tenant_id');
  });

  it("answers another tenant's job on every job endpoint exactly as an unknown id", async () => {
    const id = await createAs(acme);
    const unknown = randomUUID();
    for (const [method, path] of [
      ['GET', '/job-status/:id'],
      ['GET', '/job-status/:id/events'],
      ['POST', '/jobs/:id/cancel'],
      ['DELETE', '/jobs/:id'],
      ['POST', '/jobs/:id/retry'],
    ]) {
      const theirs = await platform.send(method, path.replace(':id', id), as(beta));
      const none = await platform.send(method, path.replace(':id', unknown), as(beta));
      expect([method, path, theirs.status, none.status]).toEqual([method, path, 404, 404]);
      expect(theirs.body).toEqual(notFound(id));
      expect(none.body).toEqual(notFound(unknown));
    }
    const [row] = await platform.database.query(
      'SELECT status, cancel_requested_at FROM job_statuses WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'scheduled', cancel_requested_at: null });
    expect((await platform.get(`/job-status/${id}`, as(acme))).status).toBe(200);
  });

  it("cancels and retries only the tenant's own jobs", async () => {
    const id = await createAs(acme);
    expect((await platform.post(`/jobs/${id}/cancel`, {}, as(beta))).status).toBe(404);
    expect((await platform.post(`/jobs/${id}/cancel`, {}, as(acme))).body.status).toBe('cancelled');
    expect((await platform.post(`/jobs/${id}/retry`, {}, as(beta))).status).toBe(404);
    expect((await platform.post(`/jobs/${id}/retry`, {}, as(acme))).status).toBe(202);
  });

  it("lists only the caller's jobs, page after page", async () => {
    const mine = [await createAs(beta), await createAs(beta), await createAs(beta)];
    await createAs(acme);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await platform.get(`/jobs?limit=2${query}`, as(beta));
      expect(page.status).toBe(200);
      seen.push(...page.body.jobs.map((job: { id: string }) => job.id));
      cursor = page.body.next_cursor;
    }
    expect(seen).toEqual([...mine].reverse());
    const scheduled = await platform.get('/jobs?status=scheduled', as(beta));
    expect(scheduled.body.jobs.map((job: { id: string }) => job.id)).toEqual([...mine].reverse());
    const theirs = await platform.get('/jobs?limit=200');
    expect(theirs.body.jobs.map((job: { id: string }) => job.id)).not.toContain(mine[0]);
  });

  it('keeps idempotency keys apart: two tenants, one key, two jobs', async () => {
    const request = { ...later, idempotency_key: 'nightly-2026-12-01' };
    const first = await createAs(acme, request);
    const second = await createAs(beta, request);
    expect(second).not.toBe(first);
    const replay = await platform.post('/create-jobs', request, as(acme));
    expect(replay).toMatchObject({ status: 200, body: { job_id: first } });
  });

  it('records the jobs of a schedule under tenant default, whoever triggers it', async () => {
    const trigger = await platform.post('/schedules/nightly_data_import/trigger', {}, as(acme));
    expect(trigger.status).toBe(202);
    const [row] = await platform.database.query(
      'SELECT tenant_id FROM job_statuses WHERE id = $1',
      [trigger.body.job_id],
    );
    expect(row).toEqual({ tenant_id: 'default' });
    expect((await platform.get(`/job-status/${trigger.body.job_id}`, as(acme))).status).toBe(404);
  });

  it("shows a schedule's last run to tenant default only, which owns it", async () => {
    const trigger = await platform.post('/schedules/nightly_data_import/trigger', {}, as(acme));
    const lastRunOf = async (headers: RequestInit) => {
      const schedules = (await platform.get('/schedules', headers)).body as Array<{
        name: string;
        last_run: { jobs: Array<{ id: string }> } | null;
      }>;
      return schedules.find((s) => s.name === 'nightly_data_import')?.last_run ?? null;
    };
    expect(await lastRunOf(as(acme))).toBeNull();
    expect((await lastRunOf({}))?.jobs[0]).toMatchObject({ id: trigger.body.job_id });
  });
});
