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
});
