import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRowVersion1764700000000 implements MigrationInterface {
  name = 'AddRowVersion1764700000000';

  // Event streams name each status they send by a number that must grow with every write
  // of the row. updated_at cannot: it is now(), the transaction's start, so two writes may
  // share it, and a transaction that waited on the row lock writes an older one after a
  // newer. A BEFORE UPDATE trigger sees the row as locked (the latest committed version),
  // so OLD.version + 1 grows strictly whichever statement or process writes.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE job_statuses ADD COLUMN version bigint NOT NULL DEFAULT 1');
    await runner.query(`
      CREATE FUNCTION job_statuses_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER job_statuses_version BEFORE UPDATE ON job_statuses
        FOR EACH ROW EXECUTE FUNCTION job_statuses_next_version()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER job_statuses_version ON job_statuses');
    await runner.query('DROP FUNCTION job_statuses_next_version()');
    await runner.query('ALTER TABLE job_statuses DROP COLUMN version');
  }
}
