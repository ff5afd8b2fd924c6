import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPendingJobsIndex1764610000000 implements MigrationInterface {
  name = 'AddPendingJobsIndex1764610000000';

  // The max_pending_jobs quota counts one tenant's unfinished jobs before each create: this
  // index holds those rows only, so the count never walks finished jobs or other tenants.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE INDEX job_statuses_pending_tenant_idx ON job_statuses (tenant_id)
        WHERE status IN ('queued', 'scheduled', 'retrying', 'running')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX job_statuses_pending_tenant_idx');
  }
}
