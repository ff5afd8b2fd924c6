import { TestPlatform, checkedFetch } from '@lib/testing';

describe('the API with API_AUTH=off', () => {
  const platform = new TestPlatform('api-auth-off', { API_AUTH: 'off' });
  afterAll(() => platform.stop());

  it('warns at start-up, and serves requests without a key as tenant default', async () => {
    const api = await platform.start('api');
    expect(api.logs()).toContain('API_AUTH=off: the API asks for no API key');
    const created = await checkedFetch(`${platform.url}/create-jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'sleep', payload: { ms: 1 } }),
    });
    expect(created.status).toBe(202);
    const { job_id: id } = created.body as { job_id: string };
    const [row] = await platform.database.query(
      'SELECT tenant_id FROM job_statuses WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ tenant_id: 'default' });
    expect((await checkedFetch(`${platform.url}/jobs`)).status).toBe(200);
  });

  it('warns again at every start', async () => {
    const again = await platform.start('api');
    expect(again.logs()).toContain('API_AUTH=off: the API asks for no API key');
  });
});
