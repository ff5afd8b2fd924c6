import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HeldBackUntilHanded1764880000000 implements MigrationInterface {
  name = 'HeldBackUntilHanded1764880000000';

  // `held_back` now holds only until the sweep hands the job over (and a requeued job starts
  // clear): a row still marked was never in Redis, so the sweep adds it without first
  // removing a copy Redis cannot have (see HandOffSweep). Jobs handed over before this and
  // not finished yet are cleared here; a finished one is cleared if it is ever requeued.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `COMMENT ON COLUMN job_statuses.held_back IS 'Waiting in Postgres for its turn in its ` +
        `tenant''s window: created while the window was full, not handed over yet.'`,
    );
    await runner.query(`
      UPDATE job_statuses SET held_back = false
      WHERE held_back AND dispatched_at IS NOT NULL
        AND status NOT IN ('completed', 'failed', 'cancelled')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `COMMENT ON COLUMN job_statuses.held_back IS 'Created while its tenant had a full ` +
        `window in its queue: left for the hand-off sweep to hand over in turn.'`,
    );
  }
}
