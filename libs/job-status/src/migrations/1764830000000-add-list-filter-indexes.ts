import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddListFilterIndexes1764830000000 implements MigrationInterface {
  name = 'AddListFilterIndexes1764830000000';

  // Every filter of GET /jobs within the caller's tenant, newest first, walks an index that
  // starts with the tenant (status has job_statuses_tenant_status_seq). The indexes by
  // status or type alone served no query once lists became per tenant: each index is a
  // cost on every insert and status write, so they go.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE INDEX job_statuses_tenant_queue_seq ON job_statuses (tenant_id, queue, seq)',
    );
    await runner.query(
      'CREATE INDEX job_statuses_tenant_type_seq ON job_statuses (tenant_id, type, seq)',
    );
    await runner.query('DROP INDEX job_statuses_type_seq, job_statuses_status_seq');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX job_statuses_status_seq ON job_statuses (status, seq)');
    await runner.query('CREATE INDEX job_statuses_type_seq ON job_statuses (type, seq)');
    await runner.query('DROP INDEX job_statuses_tenant_type_seq, job_statuses_tenant_queue_seq');
  }
}
