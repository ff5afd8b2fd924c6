import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFairHandOff1764860000000 implements MigrationInterface {
  name = 'AddFairHandOff1764860000000';

  // Redis holds a bounded window of each tenant's jobs per queue; the rest wait in Postgres
  // (see HAND_OFF.claim). `held_back` tells such a job from one whose creator is handing it
  // over right now, which the sweep must leave alone for a moment. The two partial indexes
  // keep the sweep's counts and lines bounded by the windows, not by the backlog.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE job_statuses ADD COLUMN held_back boolean NOT NULL DEFAULT false',
    );
    await runner.query(
      `COMMENT ON COLUMN job_statuses.held_back IS 'Created while its tenant had a full ` +
        `window in its queue: left for the hand-off sweep to hand over in turn.'`,
    );
    await runner.query(`
      CREATE INDEX job_statuses_in_redis ON job_statuses (queue, tenant_id)
      WHERE dispatched_at IS NOT NULL AND status IN ('queued', 'running', 'retrying')`);
    await runner.query(`
      CREATE INDEX job_statuses_in_line ON job_statuses (queue, tenant_id, priority, seq)
      WHERE dispatched_at IS NULL AND status IN ('queued', 'retrying')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX job_statuses_in_line, job_statuses_in_redis');
    await runner.query('ALTER TABLE job_statuses DROP COLUMN held_back');
  }
}
