import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRetentionIndex1764200000000 implements MigrationInterface {
  name = 'AddRetentionIndex1764200000000';

  // The retention sweep reads finished jobs oldest first, a small batch at a time.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE INDEX job_statuses_finished_idx ON job_statuses (finished_at)
        WHERE status IN ('completed', 'failed', 'cancelled')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX job_statuses_finished_idx');
  }
}
