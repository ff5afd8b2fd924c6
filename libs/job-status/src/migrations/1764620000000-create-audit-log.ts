import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who did what to which jobs, and when: every create, cancel, retry, schedule trigger and
 * dashboard action the API acknowledged. Rows are only ever inserted; `seq` orders them
 * (newest first is its descending primary key) and is the cursor of GET /audit-log.
 */
export class CreateAuditLog1764620000000 implements MigrationInterface {
  name = 'CreateAuditLog1764620000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL,
        actor_id text,
        tenant_id text NOT NULL,
        action text NOT NULL,
        job_ids uuid[] NOT NULL DEFAULT '{}',
        detail jsonb
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log');
  }
}
