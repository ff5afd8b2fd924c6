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

  interface PlanNode {
    'Node Type': string;
    'Scan Direction'?: string;
    'Index Name'?: string;
    'Relation Name'?: string;
    Plans?: PlanNode[];
  }
  const scansOf = (node: PlanNode): PlanNode[] =>
    node['Relation Name'] ? [node] : (node.Plans ?? []).flatMap(scansOf);

  // With sequential scans priced out, the plan shows which index could serve the filter;
  // one that starts with the tenant and the filtered column walks only the matching rows.
  // job_statuses is partitioned: each partition is scanned with its copy of that index.
  it.each([
    ["status = 'queued'", 'job_statuses_tenant_status_seq'],
    ["type = 'sleep'", 'job_statuses_tenant_type_seq'],
    ["queue = 'low'", 'job_statuses_tenant_queue_seq'],
    ['true', 'job_statuses_tenant_seq'],
  ])('serves the filter %s with %s', async (filter, index) => {
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
        `EXPLAIN (FORMAT JSON) ${pageOf(filter)}`,
      );
      return rows[0]['QUERY PLAN'][0].Plan;
    });
    const copies = await dataSource.query<Array<{ copy: string; partition: string }>>(
      `SELECT c.relname AS copy, t.relname AS partition
       FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
       JOIN pg_index AS x ON x.indexrelid = c.oid JOIN pg_class AS t ON t.oid = x.indrelid
       WHERE i.inhparent = $1::regclass ORDER BY t.relname`,
      [index],
    );
    expect(copies.length).toBeGreaterThan(1);
    const scans = scansOf(plan)
      .map((scan) => ({
        how: `${scan['Node Type']} ${scan['Scan Direction']}`,
        copy: scan['Index Name'],
        partition: scan['Relation Name'],
      }))
      .sort((a, b) => ((a.partition ?? '') < (b.partition ?? '') ? -1 : 1));
    expect(scans).toEqual(copies.map((copy) => ({ how: 'Index Scan Backward', ...copy })));
  });
});
