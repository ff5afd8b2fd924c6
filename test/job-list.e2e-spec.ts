import { TestPlatform } from '@lib/testing';

describe('listing jobs', () => {
  const platform = new TestPlatform('job-list');
  const ids: string[] = [];

  beforeAll(async () => {
    await platform.start('api');
    // No worker: every job stays queued, in a known order.
    for (const [i, queue] of ['low', 'high', 'low', 'default', 'low'].entries()) {
      ids.push(await platform.createJob({ type: 'sleep', payload: { ms: i }, queue }));
    }
    ids.push(
      await platform.createJob({ type: 'truncate_table', payload: { table: 'daily_stats' } }),
    );
  });
  afterAll(() => platform.stop());

  it('lists the newest first', async () => {
    const response = await platform.get('/jobs');
    expect(response.status).toBe(200);
    expect(response.body.jobs.map((job: { id: string }) => job.id)).toEqual([...ids].reverse());
    expect(response.body.next_cursor).toBeNull();
    expect(response.body.jobs[0]).toMatchObject({ type: 'truncate_table', status: 'queued' });
  });

  it('pages through every job with the cursor, each exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=4&cursor=${cursor}` : 'limit=4';
      const page = await platform.get(`/jobs?${query}`);
      seen.push(...page.body.jobs.map((job: { id: string }) => job.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by queue, type and status', async () => {
    const low = await platform.get('/jobs?queue=low');
    expect(low.body.jobs.map((job: { id: string }) => job.id)).toEqual([ids[4], ids[2], ids[0]]);
    const truncates = await platform.get('/jobs?type=truncate_table&status=queued');
    expect(truncates.body.jobs.map((job: { id: string }) => job.id)).toEqual([ids[5]]);
    const none = await platform.get('/jobs?status=completed');
    expect(none.body).toEqual({ jobs: [], next_cursor: null });
  });

  it('leaves out the fields not asked for, payload and result included', async () => {
    const response = await platform.get('/jobs?fields=id,status,type');
    expect(response.status).toBe(200);
    expect(response.body.jobs).toHaveLength(ids.length);
    expect(response.body.jobs[0]).toEqual({ id: ids[5], type: 'truncate_table', status: 'queued' });
    const repeated = await platform.get('/jobs?fields=id&fields=payload&limit=1');
    expect(repeated.body.jobs).toEqual([
      { id: ids[5], payload: { schema: 'public', table: 'daily_stats' } },
    ]);
  });

  it('refuses unknown fields, listing the known ones', async () => {
    const response = await platform.get('/jobs?fields=id,secret,colour');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_request');
    expect(response.body.message).toBe(
      'fields "secret", "colour" are not fields of a job. Known fields: id, type, queue, ' +
        'priority, status, attempts, max_attempts, progress, payload, result, error, errors, ' +
        'timeout_ms, cancel_requested_at, schedule_name, scheduled_for, depends_on, ' +
        'on_dependency_failure, dependencies, run_at, created_at, ' +
        'started_at, finished_at, updated_at, webhook_url.',
    );
  });

  // Runs last: the other tests count on six jobs.
  it('answers 50 jobs a page by default, 200 at most', async () => {
    const response = await platform.post('/create-jobs', {
      jobs: Array.from({ length: 201 }, (_, ms) => ({
        type: 'sleep',
        payload: { ms },
        queue: 'etl',
      })),
    });
    expect(response.status).toBe(200);
    const page = await platform.get('/jobs?queue=etl&fields=id');
    expect(page.body.jobs).toHaveLength(50);
    expect(page.body.next_cursor).not.toBeNull();
    expect((await platform.get('/jobs?queue=etl&limit=200&fields=id')).body.jobs).toHaveLength(200);
    const tooMany = await platform.get('/jobs?limit=201');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      code: 'invalid_request',
      message: 'limit must be an integer from 1 to 200, got "201".',
    });
  });
});
