import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { JobStatusRecorder } from './job-status.recorder';
import { JOB_STATUS_SCHEMA } from './job-status.schema';
import { HAND_OFF, TRANSITIONS } from './job-transitions';
import { newJobStatus } from './new-job-status.fixture';

const WINDOW = 3;
const BACKLOG = 3000;
const HISTORY = 1000;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows the scans of a plan read from job_statuses' partitions: those kept and those filtered out. */
const rowsRead = (node: PlanNode): number =>
  (node['Relation Name']?.startsWith('job_statuses')
    ? (node['Actual Rows'] +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      node['Actual Loops']
    : 0) + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);

// The hot statements run on every wave of jobs: what they read must follow what they
// write, not the jobs waiting behind them or the history beside them. Postgres's
// statistics are left as a burst of new rows leaves them (no ANALYZE), which is when a
// plan that reads the backlog looks cheapest.
describe('hand-off and status statements, with a long backlog', () => {
  const database = new TestDatabase('backlog_plans');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    const recorder = new JobStatusRecorder(dataSource);
    await Promise.all(
      Array.from({ length: BACKLOG + HISTORY }, () =>
        recorder.create(newJobStatus({ handOffWindow: WINDOW })),
      ),
    );
    await dataSource.query(
      `UPDATE job_statuses SET status = 'completed', finished_at = now(), held_back = false
       WHERE id IN (SELECT id FROM job_statuses ORDER BY seq LIMIT $1)`,
      [HISTORY],
    );
  }, 60_000);
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  // Runs `sql` under EXPLAIN ANALYZE in a transaction that is rolled back.
  async function readsOf(sql: string, params: unknown[]): Promise<number> {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const [row] = (await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)) as Array<{
        'QUERY PLAN': Array<{ Plan: PlanNode }>;
      }>;
      return rowsRead(row['QUERY PLAN'][0].Plan);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('claims a window of the line without reading the rows behind it', async () => {
    const claim = [0, [], 500, WINDOW, [], []];
    const read = await readsOf(HAND_OFF.claim, claim);
    expect(read).toBeLessThan(100);
  });

  it('writes a batch of statuses reading only its own rows', async () => {
    const ids = (
      await dataSource.query<Array<{ id: string }>>(
        "SELECT id FROM job_statuses WHERE status = 'queued' LIMIT 50",
      )
    ).map((row) => row.id);
    const read = await readsOf(TRANSITIONS.dispatched, [ids]);
    expect(read).toBeLessThan(200);
  });
});
