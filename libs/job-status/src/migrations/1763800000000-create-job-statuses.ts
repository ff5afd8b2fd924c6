import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateJobStatuses1763800000000 implements MigrationInterface {
  name = 'CreateJobStatuses1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE job_statuses (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        tenant_id text NOT NULL DEFAULT 'default',
        type text NOT NULL,
        queue text NOT NULL,
        priority integer NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN
          ('queued', 'scheduled', 'running', 'retrying', 'completed', 'failed', 'cancelled')),
        payload jsonb NOT NULL,
        result jsonb,
        error jsonb,
        progress jsonb,
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL CHECK (max_attempts >= 1),
        backoff jsonb NOT NULL,
        run_at timestamptz,
        idempotency_key text,
        request_hash text,
        lease_id uuid,
        dispatched_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX job_statuses_idempotency_key ON job_statuses (tenant_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await runner.query('CREATE INDEX job_statuses_status_seq ON job_statuses (status, seq)');
    await runner.query('CREATE INDEX job_statuses_type_seq ON job_statuses (type, seq)');
    // Jobs acknowledged but never handed to Redis, for the re-dispatcher to find cheaply.
    await runner.query(
      'CREATE INDEX job_statuses_undispatched ON job_statuses (created_at) WHERE dispatched_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE job_statuses');
  }
}
