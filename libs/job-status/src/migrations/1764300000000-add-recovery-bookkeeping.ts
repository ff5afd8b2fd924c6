import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRecoveryBookkeeping1764300000000 implements MigrationInterface {
  name = 'AddRecoveryBookkeeping1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    // Workers say they are alive here, so that recovery can tell a running job whose
    // worker is gone even when Redis (and with it BullMQ's locks) lost everything.
    await runner.query(`
      CREATE TABLE job_workers (
        id uuid PRIMARY KEY,
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('ALTER TABLE job_statuses ADD COLUMN worker_id uuid');
    // The marker recovery compares with the one kept in Redis: a Redis that lost its data
    // no longer holds it.
    await runner.query(`
      CREATE TABLE redis_epochs (
        prefix text PRIMARY KEY,
        epoch uuid NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Rows waiting for a hand-off to Redis. Only unfinished rows, so the sweep costs what
    // is left to do, never the history (the old index also held every finished row that
    // was cancelled before its hand-off).
    await runner.query('DROP INDEX job_statuses_undispatched');
    await runner.query(`
      CREATE INDEX job_statuses_awaiting_hand_off ON job_statuses (created_at)
        WHERE dispatched_at IS NULL AND status IN ('queued', 'scheduled', 'retrying')`);
    // Unfinished rows by id, for the audit that pages through them against Redis.
    await runner.query(`
      CREATE INDEX job_statuses_unfinished ON job_statuses (id)
        WHERE status IN ('queued', 'scheduled', 'running', 'retrying')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX job_statuses_unfinished');
    await runner.query('DROP INDEX job_statuses_awaiting_hand_off');
    await runner.query(
      'CREATE INDEX job_statuses_undispatched ON job_statuses (created_at) WHERE dispatched_at IS NULL',
    );
    await runner.query('DROP TABLE redis_epochs');
    await runner.query('ALTER TABLE job_statuses DROP COLUMN worker_id');
    await runner.query('DROP TABLE job_workers');
  }
}
