import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRateLimits1764870000000 implements MigrationInterface {
  name = 'CreateRateLimits1764870000000';

  // The API's per-minute windows with QUEUE_BACKEND=postgres, shaped as rate-limiter-flexible's
  // Postgres store reads them. Unlogged: a crash loses at most a minute's counts, and
  // every write skips the WAL.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE UNLOGGED TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE rate_limits');
  }
}
