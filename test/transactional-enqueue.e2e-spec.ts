import { Client } from 'pg';
import { createJobEnqueuer } from '@lib/outbox';
import type { JobEnqueuer } from '@lib/outbox';
import { TestPlatform } from '@lib/testing';

describe('creating jobs inside another service’s transaction', () => {
  const platform = new TestPlatform('transactional-enqueue');
  let service: Client;
  let enqueuer: JobEnqueuer;

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
    service = new Client({ connectionString: platform.database.url });
    await service.connect();
    await service.query('CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL)');
    enqueuer = await createJobEnqueuer();
  });
  afterAll(async () => {
    await service.end();
    await platform.stop();
  });

  const jobCount = async () =>
    (await platform.database.query<{ n: number }>('SELECT count(*)::int AS n FROM job_statuses'))[0]
      .n;

  it('starts a job committed with jobs_enqueue() at once, well before any sweep would', async () => {
    await service.query('BEGIN');
    await service.query("INSERT INTO orders (item) VALUES ('book')");
    const [{ id }] = (
      await service.query<{ id: string }>(`SELECT jobs_enqueue('sleep', '{"ms": 1}') AS id`)
    ).rows;
    await service.query('COMMIT');
    const committedAt = Date.now();
    const done = await platform.waitForStatus(id, ['completed']);
    // The sweep leaves rows younger than 2 s alone: only the NOTIFY at commit is this fast.
    expect(new Date(done.started_at).getTime() - committedAt).toBeLessThan(1000);
  });

  // The hashes of the jobs Redis holds (finished ones stay there for a while).
  const jobKeys = async () =>
    (await platform.queues.keys('*')).filter((key) => /:[0-9a-f-]{36}$/.test(key)).sort();

  it('leaves no job anywhere when the transaction rolls back', async () => {
    const before = await jobCount();
    const keysBefore = await jobKeys();
    await service.query('BEGIN');
    await service.query("INSERT INTO orders (item) VALUES ('pen')");
    await service.query(`SELECT jobs_enqueue('sleep', '{"ms": 1}')`);
    await service.query('ROLLBACK');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await jobCount()).toBe(before);
    expect(await jobKeys()).toEqual(keysBefore);
  });

  it('fails a job whose payload its type refuses, permanently, with the validation message', async () => {
    const [{ id }] = (
      await service.query<{ id: string }>(`SELECT jobs_enqueue('sleep', '{"ms": "soon"}') AS id`)
    ).rows;
    const failed = await platform.waitForStatus(id, ['failed']);
    expect(failed.error).toMatchObject({
      name: 'InvalidPayloadError',
      permanent: true,
      message: 'payload.ms must be an integer from 0 to 3600000, got "soon".',
    });
  });

  it('runs a job the TypeScript function created in a committed transaction, and none from a rolled-back one', async () => {
    await service.query('BEGIN');
    const kept = await enqueuer.enqueue(service, { type: 'sleep', payload: { ms: 2 } });
    await service.query('COMMIT');
    await service.query('BEGIN');
    const dropped = await enqueuer.enqueue(service, { type: 'sleep', payload: { ms: 3 } });
    await service.query('ROLLBACK');
    expect((await platform.waitForStatus(kept, ['completed'])).result.slept_ms).toBe(2);
    expect((await platform.get(`/job-status/${dropped}`)).status).toBe(404);
  });
});
