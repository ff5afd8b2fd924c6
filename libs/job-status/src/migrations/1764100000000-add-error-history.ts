import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddErrorHistory1764100000000 implements MigrationInterface {
  name = 'AddErrorHistory1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE job_statuses ADD COLUMN errors jsonb NOT NULL DEFAULT '[]'`);
    // Jobs that already failed an attempt start their history with that error.
    await runner.query(
      `UPDATE job_statuses SET errors = jsonb_build_array(error) WHERE error IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE job_statuses DROP COLUMN errors');
  }
}
