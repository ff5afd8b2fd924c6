import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { JOB_STATUS_SCHEMA } from '../job-status.schema';
import { JOB_STATUS_MIGRATIONS } from './index';
import { PartitionJobStatuses1764850000000 } from './1764850000000-partition-job-statuses';

const ROWS = 3000;

interface Row {
  id: string;
  seq: string;
  tenant_id: string;
  idempotency_key: string | null;
  created_at: Date;
  status: string;
}

describe('migration PartitionJobStatuses1764850000000', () => {
  const database = new TestDatabase('partition_migration');
  const migration = new PartitionJobStatuses1764850000000();
  let dataSource: DataSource;

  const rows = () =>
    database.query<Row>(
      `SELECT id, seq::text, tenant_id, idempotency_key, created_at, status
       FROM job_statuses ORDER BY seq`,
    );
  const run = async (step: 'up' | 'down') => {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration[step](runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  };
  const tableKind = async () =>
    (
      await database.query<{ kind: string }>(
        `SELECT relkind::text AS kind FROM pg_class WHERE oid = 'job_statuses'::regclass`,
      )
    )[0].kind;

  beforeAll(async () => {
    // The schema as it was before this migration, then rows written the way it allowed.
    const before = JOB_STATUS_MIGRATIONS.slice(
      0,
      JOB_STATUS_MIGRATIONS.indexOf(PartitionJobStatuses1764850000000),
    );
    dataSource = await openDataSource(
      dataSourceOptions(database.url, { ...JOB_STATUS_SCHEMA, migrations: before }),
    );
    await database.query(
      `INSERT INTO job_statuses (id, tenant_id, type, queue, status, payload, max_attempts, backoff,
                                 idempotency_key, created_at, finished_at)
       SELECT gen_random_uuid(), 'tenant-' || (n % 3), 'sleep', 'default',
              CASE WHEN n % 4 = 0 THEN 'queued' ELSE 'completed' END, '{}', 1,
              '{"type": "fixed", "delay_ms": 1}', CASE WHEN n % 2 = 0 THEN 'key-' || n END,
              now() - make_interval(days => n % 40, mins => n), now()
       FROM generate_series(1, ${ROWS}) AS n`,
    );
    // Some seqs are used and gone: the identity must not hand them out again.
    await database.query(`DELETE FROM job_statuses WHERE seq > ${ROWS - 10}`);
    await database.query(
      `INSERT INTO webhook_deliveries (job_id, delivery_id, webhook_id, attempt, url, attempted_at,
                                       duration_ms, status_code)
       SELECT id, gen_random_uuid(), 'msg_' || seq, 1, 'https://example.com', now(), 5, 200
       FROM job_statuses WHERE seq <= 20`,
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('keeps every row, id, seq, idempotency key and webhook delivery in a partitioned table', async () => {
    const before = await rows();
    expect(before).toHaveLength(ROWS - 10);
    await run('up');

    expect(await tableKind()).toBe('p');
    expect(await rows()).toEqual(before);
    const keys = await database.query<{ tenant_id: string; idempotency_key: string; id: string }>(
      `SELECT tenant_id, idempotency_key, job_id AS id FROM job_idempotency_keys
       ORDER BY tenant_id, idempotency_key`,
    );
    const keyed = before
      .filter((row) => row.idempotency_key !== null)
      .map(({ tenant_id, idempotency_key, id }) => ({ tenant_id, idempotency_key, id }))
      .sort((a, b) =>
        `${a.tenant_id} ${a.idempotency_key}` < `${b.tenant_id} ${b.idempotency_key}` ? -1 : 1,
      );
    expect(keys).toEqual(keyed);
    const [{ deliveries }] = await database.query<{ deliveries: number }>(
      `SELECT count(*)::int AS deliveries FROM webhook_deliveries AS d
       JOIN job_statuses AS j ON j.id = d.job_id AND j.created_at = d.job_created_at`,
    );
    expect(deliveries).toBe(20);
    // One partition per day that held rows (40 of them) and for today and the 7 ahead.
    const [{ partitions }] = await database.query<{ partitions: number }>(
      `SELECT count(*)::int AS partitions FROM pg_inherits WHERE inhparent = 'job_statuses'::regclass`,
    );
    expect(partitions).toBeGreaterThanOrEqual(47);
  });

  it('hands out seqs after the former last one, and refuses a taken idempotency key', async () => {
    const taken = (await rows()).find((row) => row.idempotency_key !== null) as Row;
    const inserted = await database.query<{ seq: string }>(
      `INSERT INTO job_statuses (id, tenant_id, type, queue, status, payload, max_attempts, backoff,
                                 idempotency_key)
       VALUES (gen_random_uuid(), $1, 'sleep', 'default', 'queued', '{}', 1, '{}', $2),
              (gen_random_uuid(), $1, 'sleep', 'default', 'queued', '{}', 1, '{}', 'fresh-key')
       ON CONFLICT DO NOTHING RETURNING seq::text`,
      [taken.tenant_id, taken.idempotency_key],
    );
    expect(inserted).toEqual([{ seq: String(ROWS + 2) }]);
  });

  it('returns to a plain table with every row on the way down, and partitions again on the way up', async () => {
    const partitioned = await rows();
    await run('down');
    expect(await tableKind()).toBe('r');
    expect(await rows()).toEqual(partitioned);
    await expect(
      database.query(
        `INSERT INTO job_statuses (id, tenant_id, type, queue, status, payload, max_attempts,
                                   backoff, idempotency_key)
         VALUES (gen_random_uuid(), 'tenant-0', 'sleep', 'default', 'queued', '{}', 1, '{}',
                 'plain-key')`,
      ),
    ).resolves.toBeDefined();
    await run('up');
    expect(await tableKind()).toBe('p');
    expect(await rows()).toHaveLength(partitioned.length + 1);
  });
});
