import { TestPlatform } from '@lib/testing';

const auth = { authorization: `Basic ${Buffer.from('admin:correct horse').toString('base64')}` };
const api = '/admin/queues/api/metrics';

describe("the dashboard's history, from Postgres", () => {
  const platform = new TestPlatform('dashboard-history', {
    ADMIN_USER: 'admin',
    ADMIN_PASSWORD: 'correct horse',
  });
  const range = () => `from=${Date.now() - 3_600_000}&to=${Date.now() + 60_000}`;
  const sum = (points: Array<{ value: number }>) =>
    points.reduce((total, point) => total + point.value, 0);

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
    const finish = async (job: Record<string, unknown>, status: string) =>
      platform.waitForStatus(await platform.createJob(job), [status]);
    await Promise.all([
      ...[1, 2, 3].map(() => finish({ type: 'sleep', payload: { ms: 20 } }, 'completed')),
      ...[1, 2].map(() =>
        finish({ type: 'sleep', payload: { ms: 1, fail_attempts: 1 }, max_attempts: 1 }, 'failed'),
      ),
      finish({ type: 'sleep', payload: { ms: 1 }, queue: 'high' }, 'completed'),
    ]);
  });
  afterAll(() => platform.stop());

  it('counts the jobs that completed and failed, per queue and across queues', async () => {
    const perQueue = await platform.get(
      `${api}/history?${range()}&granularity=hour&queue=default`,
      {
        headers: auth,
      },
    );
    expect(perQueue.status).toBe(200);
    expect(sum(perQueue.body.completed)).toBe(3);
    expect(sum(perQueue.body.failed)).toBe(2);
    for (const point of perQueue.body.completed) {
      expect(point.ts % 3_600_000).toBe(0);
    }
    const all = await platform.get(`${api}/history?${range()}&granularity=day`, { headers: auth });
    expect(sum(all.body.completed)).toBe(4);
    expect(sum(all.body.failed)).toBe(2);
  });

  it('answers run and wait time percentiles that Postgres agrees with', async () => {
    const rows = (await platform.rows()).filter((row) => row.queue === 'default');
    const ms = (to: unknown, from: unknown) =>
      new Date(to as string).getTime() - new Date(from as string).getTime();
    const longestRun = Math.max(...rows.map((row) => ms(row.finished_at, row.started_at)));
    const longestWait = Math.max(...rows.map((row) => ms(row.started_at, row.created_at)));
    for (const [metric, longest] of [
      ['runtime', longestRun],
      ['waittime', longestWait],
    ] as const) {
      const { status, body } = await platform.get(
        `${api}/latency?${range()}&metric=${metric}&granularity=range&queue=default&percentiles=50,100`,
        { headers: auth },
      );
      expect(status).toBe(200);
      expect(body).toHaveLength(1);
      expect(body[0].count).toBe(5);
      // Postgres keeps microseconds; the rows above come back in milliseconds.
      expect(Math.abs(body[0].values['100'] - longest)).toBeLessThan(1);
      expect(body[0].values['50']).toBeLessThanOrEqual(body[0].values['100']);
    }
    expect(longestRun).toBeGreaterThanOrEqual(20);
    // The board's "oldest job waiting": the longest wait of the jobs finished in each bucket.
    const age = await platform.get(`${api}/history?${range()}&metric=queueage&queue=default`, {
      headers: auth,
    });
    expect(
      Math.abs(
        Math.max(...age.body.queueage.map((point: { value: number }) => point.value)) - longestWait,
      ),
    ).toBeLessThan(1);
  });

  it('refuses a queue the platform does not have, and a granularity it does not know', async () => {
    const unknown = await platform.get(`${api}/history?${range()}&queue=nope`, { headers: auth });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('Unknown queue \\"nope\\". Queues: high');
    const minute = await platform.get(`${api}/history?${range()}&granularity=minute`, {
      headers: auth,
    });
    expect(minute.status).toBe(400);
  });
});
