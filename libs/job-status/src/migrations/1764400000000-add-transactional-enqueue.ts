import { quotedIdentifier } from '@lib/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  JOBS_ENQUEUE,
  JOBS_ENQUEUE_INTEGER,
  JOBS_ENQUEUE_OPTIONS,
} from './1764400000000-jobs-enqueue.sql';

/**
 * Lets another service create jobs inside its own transaction: `SELECT jobs_enqueue(type,
 * payload, options)` writes the row (so the job exists iff that transaction commits) and
 * notifies `jobs_enqueued` at commit; job_types gives SQL the defaults the API applies.
 */
export class AddTransactionalEnqueue1764400000000 implements MigrationInterface {
  name = 'AddTransactionalEnqueue1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE job_types (
        type text PRIMARY KEY,
        default_queue text NOT NULL,
        max_attempts int NOT NULL CHECK (max_attempts >= 1),
        backoff jsonb NOT NULL,
        timeout_ms int NOT NULL CHECK (timeout_ms >= 1),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `COMMENT ON TABLE job_types IS 'Every job type the platform runs and its defaults, ` +
        `written by each app at start-up from its registry; read by jobs_enqueue().'`,
    );
    // Pinned to this schema: a caller whose search_path shows its own job_types or
    // job_statuses first must still reach the platform's.
    const [{ schema }] = (await runner.query('SELECT current_schema() AS schema')) as [
      { schema: string },
    ];
    const searchPath = `${quotedIdentifier(schema)}, pg_temp`;
    await runner.query(JOBS_ENQUEUE_INTEGER(searchPath));
    await runner.query(JOBS_ENQUEUE_OPTIONS(searchPath));
    await runner.query(JOBS_ENQUEUE(searchPath));
    await runner.query(
      `COMMENT ON FUNCTION jobs_enqueue(text, jsonb, jsonb) IS 'Creates a job in the ` +
        `caller''s transaction, with the options of POST /create-jobs; returns its id. ` +
        `Raises SQLSTATE 22023 for bad input, 23505 for an idempotency_key used by another request.'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION jobs_enqueue(text, jsonb, jsonb)');
    await runner.query('DROP FUNCTION jobs_enqueue_options(jsonb)');
    await runner.query('DROP FUNCTION jobs_enqueue_integer(text, jsonb, bigint, bigint, boolean)');
    await runner.query('DROP TABLE job_types');
  }
}
