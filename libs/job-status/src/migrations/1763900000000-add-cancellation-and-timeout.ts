import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCancellationAndTimeout1763900000000 implements MigrationInterface {
  name = 'AddCancellationAndTimeout1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE job_statuses
        ADD COLUMN cancel_requested_at timestamptz,
        ADD COLUMN timeout_ms integer NOT NULL DEFAULT 900000 CHECK (timeout_ms >= 1)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE job_statuses DROP COLUMN cancel_requested_at, DROP COLUMN timeout_ms',
    );
  }
}
