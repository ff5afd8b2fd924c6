import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddScheduleOrigin1764000000000 implements MigrationInterface {
  name = 'AddScheduleOrigin1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE job_statuses
        ADD COLUMN schedule_name text,
        ADD COLUMN scheduled_for timestamptz`);
    // GET /schedules reads each schedule's latest job.
    await runner.query(`
      CREATE INDEX job_statuses_schedule_idx ON job_statuses (schedule_name, seq DESC)
        WHERE schedule_name IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX job_statuses_schedule_idx');
    await runner.query(
      'ALTER TABLE job_statuses DROP COLUMN schedule_name, DROP COLUMN scheduled_for',
    );
  }
}
