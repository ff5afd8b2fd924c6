import { quotedIdentifier } from '@lib/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { JOBS_ENQUEUE } from './1764400000000-jobs-enqueue.sql';
import {
  CLAIM_IDEMPOTENCY_KEY,
  CREATE_PARTITIONS,
  DELIVERY_JOB_CREATED_AT,
} from './1764850000000-job-partitions.sql';
import { rebuildJobStatuses } from './1764850000000-rebuild-job-statuses';

// Partitions made ahead of today (JobStatusPartitioner keeps as many), written out: a
// migration is a snapshot.
const DAYS_AHEAD = 7;

// A partitioned table cannot infer this conflict target (its unique indexes must contain
// created_at); the key's trigger now skips the row instead, and the function reads it as before.
const KEY_CONFLICT_TARGET =
  'ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING';

const LIKE = (former: string) =>
  `CREATE TABLE job_statuses (LIKE ${former} INCLUDING DEFAULTS INCLUDING CONSTRAINTS
     INCLUDING IDENTITY INCLUDING COMMENTS INCLUDING STORAGE)`;

/**
 * job_statuses becomes partitioned by created_at, one partition per UTC day, so that
 * retention drops a day that has wholly expired instead of deleting its rows one by one
 * (JobStatusPartitioner). Every row, id and seq is kept.
 *
 * A partitioned table's unique indexes must contain the partition key, hence:
 * - the primary key is (id, created_at); ids are random v4 UUIDs, unique in practice, and
 *   every read by id still finds one row;
 * - seq stays drawn from one identity sequence (unique by construction), indexed
 *   UNIQUE (seq, created_at) in each partition for the list cursors;
 * - an idempotency key is unique per tenant in job_idempotency_keys, a plain table claimed
 *   by a trigger in the statement that writes the job, and deleted with it (its foreign key
 *   cascades);
 * - webhook_deliveries refers to (job_id, job_created_at), and still goes with its job.
 * There is no DEFAULT partition: rows caught there would block creating their day's
 * partition and could never be dropped with their day. The days ahead are made here and
 * by the scheduler at start and every sweep; an insert with no partition fails.
 */
export class PartitionJobStatuses1764850000000 implements MigrationInterface {
  name = 'PartitionJobStatuses1764850000000';

  async up(runner: QueryRunner): Promise<void> {
    const searchPath = await searchPathOf(runner);
    await runner.query(CREATE_PARTITIONS(searchPath));
    await rebuildJobStatuses(
      runner,
      (former) => `${LIKE(former)} PARTITION BY RANGE (created_at)`,
      async (former) => {
        await runner.query(
          `SELECT job_statuses_create_partitions(day, day)
           FROM (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date AS day FROM ${former}) AS days`,
        );
        await runner.query(
          `SELECT job_statuses_create_partitions(today, today + ${DAYS_AHEAD})
           FROM (SELECT (now() AT TIME ZONE 'UTC')::date AS today) AS days`,
        );
      },
      [],
    );
    await runner.query('ALTER TABLE job_statuses ADD PRIMARY KEY (id, created_at)');
    await runner.query(
      'ALTER TABLE job_statuses ADD CONSTRAINT job_statuses_seq_key UNIQUE (seq, created_at)',
    );
    await runner.query(
      `CREATE INDEX job_statuses_idempotency_key ON job_statuses (tenant_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await this.keepKeysApart(runner);
    await this.referDeliveriesByKey(runner);
    await runner.query(enqueueFunction(searchPath).replace(KEY_CONFLICT_TARGET, ''));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(enqueueFunction(await searchPathOf(runner)));
    await runner.query('DROP TRIGGER job_statuses_keep_idempotency_key ON job_statuses');
    await runner.query('DROP FUNCTION job_statuses_claim_idempotency_key()');
    await runner.query('DROP TABLE job_idempotency_keys');
    await runner.query('DROP TRIGGER webhook_deliveries_job_created_at ON webhook_deliveries');
    await runner.query('DROP FUNCTION webhook_deliveries_job_created_at()');
    await rebuildJobStatuses(runner, LIKE, () => Promise.resolve(), [
      'job_statuses_idempotency_key',
    ]);
    await runner.query('ALTER TABLE job_statuses ADD PRIMARY KEY (id)');
    await runner.query('ALTER TABLE job_statuses ADD CONSTRAINT job_statuses_seq_key UNIQUE (seq)');
    await runner.query(
      `CREATE UNIQUE INDEX job_statuses_idempotency_key ON job_statuses (tenant_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await runner.query('DROP INDEX webhook_deliveries_job_created_at_idx');
    await runner.query(`
      ALTER TABLE webhook_deliveries DROP COLUMN job_created_at,
        ADD CONSTRAINT webhook_deliveries_job_id_fkey
          FOREIGN KEY (job_id) REFERENCES job_statuses (id) ON DELETE CASCADE`);
    await runner.query('DROP FUNCTION job_statuses_create_partitions(date, date)');
  }

  private async keepKeysApart(runner: QueryRunner): Promise<void> {
    // DEFERRABLE: the trigger claims the key before its job's row exists. Its index leads
    // with job_created_at: the cascade looks up (job_id, job_created_at), and a dropped
    // partition's keys are a range of job_created_at.
    await runner.query(`
      CREATE TABLE job_idempotency_keys (
        tenant_id text NOT NULL,
        idempotency_key text NOT NULL,
        job_id uuid NOT NULL,
        job_created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, idempotency_key),
        FOREIGN KEY (job_id, job_created_at) REFERENCES job_statuses (id, created_at)
          ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
      )`);
    await runner.query(
      'CREATE INDEX job_idempotency_keys_job_idx ON job_idempotency_keys (job_created_at, job_id)',
    );
    await runner.query(
      `COMMENT ON TABLE job_idempotency_keys IS 'Each (tenant, idempotency key) once, across ` +
        `the partitions of job_statuses; claimed by a trigger when the job is written.'`,
    );
    await runner.query(
      `INSERT INTO job_idempotency_keys (tenant_id, idempotency_key, job_id, job_created_at)
       SELECT tenant_id, idempotency_key, id, created_at FROM job_statuses
       WHERE idempotency_key IS NOT NULL`,
    );
    await runner.query(CLAIM_IDEMPOTENCY_KEY);
    await runner.query(`
      CREATE TRIGGER job_statuses_keep_idempotency_key BEFORE INSERT ON job_statuses
        FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL)
        EXECUTE FUNCTION job_statuses_claim_idempotency_key()`);
  }

  private async referDeliveriesByKey(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE webhook_deliveries ADD COLUMN job_created_at timestamptz');
    await runner.query(
      `UPDATE webhook_deliveries AS d SET job_created_at = j.created_at
       FROM job_statuses AS j WHERE j.id = d.job_id`,
    );
    await runner.query(`
      ALTER TABLE webhook_deliveries ALTER COLUMN job_created_at SET NOT NULL,
        ADD CONSTRAINT webhook_deliveries_job_id_fkey
          FOREIGN KEY (job_id, job_created_at) REFERENCES job_statuses (id, created_at)
          ON DELETE CASCADE ON UPDATE CASCADE`);
    await runner.query(
      `CREATE INDEX webhook_deliveries_job_created_at_idx
       ON webhook_deliveries (job_created_at, job_id)`,
    );
    await runner.query(DELIVERY_JOB_CREATED_AT);
    await runner.query(`
      CREATE TRIGGER webhook_deliveries_job_created_at BEFORE INSERT ON webhook_deliveries
        FOR EACH ROW EXECUTE FUNCTION webhook_deliveries_job_created_at()`);
  }
}

async function searchPathOf(runner: QueryRunner): Promise<string> {
  const [{ schema }] = (await runner.query('SELECT current_schema() AS schema')) as [
    { schema: string },
  ];
  return `${quotedIdentifier(schema)}, pg_temp`;
}

// jobs_enqueue() as migration 1764400000000 wrote it, as a replacement.
function enqueueFunction(searchPath: string): string {
  const sql = JOBS_ENQUEUE(searchPath);
  if (!sql.includes(KEY_CONFLICT_TARGET)) {
    throw new Error('jobs_enqueue() no longer has the conflict target this migration replaces.');
  }
  return sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
}
