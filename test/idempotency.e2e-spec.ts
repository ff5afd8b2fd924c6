import { TestPlatform } from '@lib/testing';

describe('creating a job with an idempotency key', () => {
  const platform = new TestPlatform('idempotency');
  const request = (key: string, ms = 1) => ({
    type: 'sleep',
    payload: { ms },
    idempotency_key: key,
  });

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('returns the same job with 200 when the same request is sent again', async () => {
    const first = await platform.post('/create-jobs', request('order-1'));
    const second = await platform.post('/create-jobs', request('order-1'));
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body.job_id).toBe(first.body.job_id);
    expect(second.headers.get('location')).toBe(`/job-status/${first.body.job_id}`);
    const rows = await platform.database.query(
      "SELECT id FROM job_statuses WHERE idempotency_key = 'order-1'",
    );
    expect(rows).toHaveLength(1);
  });

  it('creates one job when identical requests race', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => platform.post('/create-jobs', request('race-1'))),
    );
    const ids = new Set(responses.map((r) => r.body.job_id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(11);
    const [id] = ids;
    expect(await platform.queues.keys(`*:${id}`)).not.toHaveLength(0);
    const rows = await platform.database.query(
      "SELECT id FROM job_statuses WHERE idempotency_key = 'race-1'",
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses a different request under a used key with 409 naming the key', async () => {
    const first = await platform.post('/create-jobs', request('order-2', 1));
    const other = await platform.post('/create-jobs', request('order-2', 2));
    expect(other.status).toBe(409);
    expect(other.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining(
        `idempotency_key "order-2" was already used by job ${first.body.job_id}`,
      ),
      code: 'idempotency_conflict',
    });
  });
});
