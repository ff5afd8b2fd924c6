import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

// The shape of GET /jobs' query (see JobStatusReader.list) for one filter.
const pageOf = (filter: string) =>
  `SELECT id FROM job_statuses WHERE tenant_id = 'acme' AND ${filter} ORDER BY seq DESC LIMIT 51`;

describe('indexes behind GET /jobs', () => {
  const database = new TestDatabase('list_indexes');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  // With sequential scans priced out, the plan shows which index could serve the filter;
  // one that starts with the tenant and the filtered column walks only the matching rows.
  it.each([
    ["status = 'queued'", 'job_statuses_tenant_status_seq'],
    ["type = 'sleep'", 'job_statuses_tenant_type_seq'],
    ["queue = 'low'", 'job_statuses_tenant_queue_seq'],
    ['true', 'job_statuses_tenant_seq'],
  ])('serves the filter %s with %s', async (filter, index) => {
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<Array<{ 'QUERY PLAN': string }>>(
        `EXPLAIN ${pageOf(filter)}`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain(`Index Scan Backward using ${index} on job_statuses`);
  });
});
