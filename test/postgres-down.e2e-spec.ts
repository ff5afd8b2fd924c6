import { TestPlatform, waitFor } from '@lib/testing';

describe('Postgres unreachable for a while', () => {
  const platform = new TestPlatform('postgres-down');

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(() => platform.stop());

  const closeDatabase = () => platform.database.acceptConnections(false);
  const reopenDatabase = () => platform.database.acceptConnections(true);

  it('answers 503 naming Postgres, and records jobs again once it is back', async () => {
    await closeDatabase();
    try {
      const refused = await platform.post('/create-jobs', { type: 'sleep', payload: { ms: 1 } });
      expect(refused.status).toBe(503);
      expect(refused.body.message).toMatch(/^Postgres is unavailable; retry the request/);
      const ready = await platform.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.postgres.status).toBe('down');
    } finally {
      await reopenDatabase();
    }
    const id = await waitFor(
      'a job to be accepted again',
      () => platform.post('/create-jobs', { type: 'sleep', payload: { ms: 1 } }),
      (r) => r.status === 202,
      { intervalMs: 200 },
    );
    await platform.waitForStatus(id.body.job_id, ['completed']);
  });

  it('costs a job running through the outage neither its attempt nor its outcome', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1500 } });
    await platform.waitForStatus(id, ['running']);
    await closeDatabase();
    try {
      // The attempt ends while Postgres is away; the worker holds its outcome.
      await new Promise((resolve) => setTimeout(resolve, 4000));
    } finally {
      await reopenDatabase();
    }
    const done = await platform.waitForStatus(id, ['completed', 'failed', 'retrying'], 30_000);
    expect(done).toMatchObject({ status: 'completed', attempts: 1, errors: [] });
    expect(platform.apps('worker')[0].logs()).toContain('holding the status write');
  });
});
