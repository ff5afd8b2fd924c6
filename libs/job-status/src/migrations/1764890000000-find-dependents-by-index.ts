import { quotedIdentifier } from '@lib/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  JOB_STATUSES_RELEASE_DEPENDENTS,
  RELEASE_DEPENDENT,
} from './1764800000000-job-dependencies.sql';

/**
 * The trigger run as each job ends, finding the jobs that wait on it by an index of
 * depends_on alone. Its search used to name `status = 'waiting'` too, which let Postgres
 * pick job_statuses_pending_tenant_idx instead whenever its statistics predated a burst of
 * new jobs, and walk every unfinished job: each completion then cost as much as the backlog
 * was long (13 ms at 20 000 queued jobs, against 0.3 ms by the index). The rows found are
 * locked in id order and released only if they still wait, as before.
 */
const RELEASE_DEPENDENTS = (table: string) => `
  CREATE OR REPLACE FUNCTION job_statuses_release_dependents() RETURNS trigger
  LANGUAGE plpgsql AS $fn$
  DECLARE
    candidate record;
    dependent record;
    found record;
    problem jsonb;
  BEGIN
    FOR candidate IN
      SELECT id FROM ${table} WHERE depends_on @> ARRAY[NEW.id] ORDER BY id
    LOOP
      SELECT id, status, depends_on, on_dependency_failure, attempts INTO dependent
      FROM ${table} WHERE id = candidate.id FOR UPDATE;
      CONTINUE WHEN dependent.status IS DISTINCT FROM 'waiting';
${RELEASE_DEPENDENT(table)}
    END LOOP;
    RETURN NULL;
  END
  $fn$`;

export class FindDependentsByIndex1764890000000 implements MigrationInterface {
  name = 'FindDependentsByIndex1764890000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE INDEX job_statuses_dependents ON job_statuses USING gin (depends_on)
        WHERE depends_on IS NOT NULL`);
    await runner.query(RELEASE_DEPENDENTS(await tableOf(runner)));
    await runner.query('DROP INDEX job_statuses_waiting_on');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE INDEX job_statuses_waiting_on ON job_statuses USING gin (depends_on)
        WHERE status = 'waiting'`);
    await runner.query(
      JOB_STATUSES_RELEASE_DEPENDENTS(await tableOf(runner)).replace(
        'CREATE FUNCTION',
        'CREATE OR REPLACE FUNCTION',
      ),
    );
    await runner.query('DROP INDEX job_statuses_dependents');
  }
}

async function tableOf(runner: QueryRunner): Promise<string> {
  const [{ schema }] = (await runner.query('SELECT current_schema() AS schema')) as [
    { schema: string },
  ];
  return `${quotedIdentifier(schema)}.job_statuses`;
}
