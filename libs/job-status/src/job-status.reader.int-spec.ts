import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { JobStatus } from './job-status.entity';
import { JobStatusReader } from './job-status.reader';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

describe('JobStatusReader.list against Postgres', () => {
  const database = new TestDatabase('job_list');
  let dataSource: DataSource;
  let reader: JobStatusReader;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    await database.query(
      `INSERT INTO job_types (type, default_queue, max_attempts, backoff, timeout_ms)
       VALUES ('sleep', 'default', 3, '{"type":"fixed","delay_ms":0}', 900000)`,
    );
    for (const n of [1, 2, 3]) {
      await database.query(`SELECT jobs_enqueue('sleep', $1, '{}')`, [
        JSON.stringify({ ms: n, message: 'x'.repeat(10_000) }),
      ]);
    }
    await database.query(`UPDATE job_statuses SET result = '{"slept_ms": 1}'`);
    reader = new JobStatusReader(dataSource.getRepository(JobStatus));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('reads every column when nothing is left out', async () => {
    const page = await reader.list({ tenantId: 'default', limit: 2 });
    expect(page.jobs).toHaveLength(2);
    expect(page.jobs[0]).toMatchObject({ payload: { ms: 3 }, result: { slept_ms: 1 } });
    expect(page.nextCursor).not.toBeNull();
  });

  it('does not read the columns left out, and pages the same', async () => {
    const page = await reader.list({
      tenantId: 'default',
      limit: 2,
      leaveOut: ['payload', 'result'],
    });
    expect(page.jobs).toHaveLength(2);
    for (const job of page.jobs) {
      expect(job.payload).toBeUndefined();
      expect(job.result).toBeUndefined();
      expect(job).toMatchObject({ type: 'sleep', status: 'queued', queue: 'default' });
      expect(job.createdAt).toBeInstanceOf(Date);
    }
    const rest = await reader.list({
      tenantId: 'default',
      limit: 2,
      leaveOut: ['payload'],
      cursor: page.nextCursor ?? undefined,
    });
    expect(rest.jobs.map((job) => job.payload)).toEqual([undefined]);
    expect(rest.nextCursor).toBeNull();
  });
});
