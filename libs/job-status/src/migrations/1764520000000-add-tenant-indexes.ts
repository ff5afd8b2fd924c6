import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTenantIndexes1764520000000 implements MigrationInterface {
  name = 'AddTenantIndexes1764520000000';

  // GET /jobs reads one tenant's jobs newest first, optionally of one status: each index
  // starts with the tenant, so one tenant's page never walks another tenant's rows.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX job_statuses_tenant_seq ON job_statuses (tenant_id, seq)');
    await runner.query(
      'CREATE INDEX job_statuses_tenant_status_seq ON job_statuses (tenant_id, status, seq)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX job_statuses_tenant_status_seq');
    await runner.query('DROP INDEX job_statuses_tenant_seq');
  }
}
