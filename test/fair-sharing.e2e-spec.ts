import { TestPlatform } from '@lib/testing';
import type { TestApiKey } from '@lib/testing';

const WINDOW = 20;
const SLOTS = 2;

describe('fair sharing of a queue between tenants (TENANT_WINDOW, max_running_jobs)', () => {
  const platform = new TestPlatform('fair_sharing', {
    TENANT_WINDOW: String(WINDOW),
    TENANT_QUOTAS: JSON.stringify({ capped: { max_running_jobs: 2 }, heavy: { weight: 3 } }),
  });
  const keys: Record<string, TestApiKey> = {};

  beforeAll(async () => {
    await platform.start('api');
    for (const tenant of ['a', 'b', 'capped', 'free', 'heavy']) {
      keys[tenant] = await platform.createApiKey({ tenant });
    }
  });
  afterAll(() => platform.stop());

  const sleepJobs = async (tenant: string, count: number, ms: number): Promise<string[]> => {
    const jobs = Array.from({ length: count }, () => ({ type: 'sleep', payload: { ms } }));
    const response = await platform.post(
      '/create-jobs',
      { jobs },
      { headers: platform.authorization(keys[tenant].token) },
    );
    expect(response.status).toBe(200);
    const results = response.body.results as Array<{ job_id: string; status_code: number }>;
    expect(results.every((result) => result.status_code === 202)).toBe(true);
    return results.map((result) => result.job_id);
  };

  // Each job's place in the order jobs started (1 = first), by id.
  const startOrder = async (): Promise<Map<string, number>> => {
    const rows = await platform.database.query<{ id: string; place: number }>(
      `SELECT id, rank() OVER (ORDER BY started_at)::int AS place
       FROM job_statuses WHERE started_at IS NOT NULL`,
    );
    return new Map(rows.map((row) => [row.id, row.place]));
  };

  it("starts a newcomer's jobs within a window of another tenant's 10,000, not after them", async () => {
    const a: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      a.push(...(await sleepJobs('a', 1000, 2)));
    }
    const b = await sleepJobs('b', 10, 2);
    // Redis holds one window of a's jobs; the 9,980 others wait in Postgres.
    const [{ held }] = await platform.database.query<{ held: number }>(
      "SELECT count(*)::int AS held FROM job_statuses WHERE tenant_id = 'a' AND held_back AND dispatched_at IS NULL",
    );
    expect(held).toBe(10_000 - WINDOW);

    const worker = await platform.start('worker', { WORKER_CONCURRENCY: String(SLOTS) });
    await platform.waitForAllFinished(b, 60_000);
    const order = await startOrder();
    const places = b.map((id) => order.get(id) as number);
    // Behind at most a's window (and the jobs on the slots), never behind a's backlog.
    expect(Math.max(...places)).toBeLessThanOrEqual(WINDOW + b.length + SLOTS);
    const [{ left }] = await platform.database.query<{ left: number }>(
      "SELECT count(*)::int AS left FROM job_statuses WHERE tenant_id = 'a' AND status <> 'completed'",
    );
    expect(left).toBeGreaterThan(5000);
    await worker.stop('SIGTERM');
    // The rest of a's backlog would only slow the next tests down.
    await platform.database.query("DELETE FROM job_statuses WHERE tenant_id = 'a'");
  });

  it('runs at most max_running_jobs of a capped tenant at once, while others use the free slots', async () => {
    const worker = await platform.start('worker', { WORKER_CONCURRENCY: '6' });
    const capped = await sleepJobs('capped', 8, 400);
    const free = await sleepJobs('free', 6, 400);
    await platform.waitForAllFinished([...capped, ...free], 60_000);
    expect(await mostAtOnce(capped)).toBe(2);
    expect(await mostAtOnce(free)).toBeGreaterThan(2);
    await worker.stop('SIGTERM');
  });

  it('gives a tenant of weight 3 a window three times as large', async () => {
    await sleepJobs('heavy', 100, 1);
    await sleepJobs('b', 100, 1);
    const held = await platform.database.query<{ tenant_id: string; in_redis: number }>(
      `SELECT tenant_id, count(*) FILTER (WHERE NOT held_back)::int AS in_redis
       FROM job_statuses WHERE tenant_id IN ('heavy', 'b') AND status = 'queued'
       GROUP BY tenant_id ORDER BY tenant_id`,
    );
    expect(held).toEqual([
      { tenant_id: 'b', in_redis: WINDOW },
      { tenant_id: 'heavy', in_redis: 3 * WINDOW },
    ]);
  });

  // The most jobs of `ids` that ran at the same time, from their recorded spans.
  async function mostAtOnce(ids: string[]): Promise<number> {
    const [{ most }] = await platform.database.query<{ most: number }>(
      `SELECT max(overlapping)::int AS most FROM (
         SELECT (SELECT count(*) FROM job_statuses o
                 WHERE o.id = ANY($1) AND o.started_at <= j.started_at
                   AND o.finished_at > j.started_at) AS overlapping
         FROM job_statuses j WHERE j.id = ANY($1)) AS spans`,
      [ids],
    );
    return most;
  }
});
