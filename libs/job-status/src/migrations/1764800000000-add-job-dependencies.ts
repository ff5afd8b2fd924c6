import { quotedIdentifier } from '@lib/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  JOB_DEPENDENCIES_VERDICT,
  JOB_DEPENDENCY_ERROR,
  JOB_STATUSES_AWAIT_DEPENDENCIES,
  JOB_STATUSES_RELEASE_DEPENDENTS,
} from './1764800000000-job-dependencies.sql';

// The states before this migration.
const STATES = ['queued', 'scheduled', 'running', 'retrying', 'completed', 'failed', 'cancelled'];

/**
 * Jobs that wait for other jobs. The bookkeeping lives in triggers, in the transaction
 * that writes each status, so no crash between a dependency's outcome and its
 * dependents' release can leave a job waiting forever: a job is created `waiting` (or
 * `cancelled`) from its dependencies' statuses, and queued or cancelled when they end.
 */
export class AddJobDependencies1764800000000 implements MigrationInterface {
  name = 'AddJobDependencies1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.allowStates(runner, [...STATES, 'waiting']);
    await runner.query(`
      ALTER TABLE job_statuses
        ADD COLUMN depends_on uuid[] CHECK (cardinality(depends_on) BETWEEN 1 AND 100),
        ADD COLUMN on_dependency_failure text NOT NULL DEFAULT 'cancel'
          CHECK (on_dependency_failure IN ('cancel', 'run'))`);
    // The jobs waiting on a given job: only waiting rows, so the lookup at every job's end
    // costs what waits, never the history.
    await runner.query(`
      CREATE INDEX job_statuses_waiting_on ON job_statuses USING gin (depends_on)
        WHERE status = 'waiting'`);
    // Waiting jobs are unfinished: these partial indexes follow UNFINISHED_STATES.
    await this.indexUnfinished(runner, ['queued', 'scheduled', 'running', 'retrying', 'waiting']);
    const [{ schema }] = (await runner.query('SELECT current_schema() AS schema')) as [
      { schema: string },
    ];
    const table = `${quotedIdentifier(schema)}.job_statuses`;
    await runner.query(JOB_DEPENDENCIES_VERDICT(table));
    await runner.query(JOB_DEPENDENCY_ERROR);
    await runner.query(JOB_STATUSES_AWAIT_DEPENDENCIES(table));
    await runner.query(JOB_STATUSES_RELEASE_DEPENDENTS(table));
    await runner.query(`
      CREATE TRIGGER job_statuses_await_dependencies BEFORE INSERT ON job_statuses
        FOR EACH ROW WHEN (NEW.depends_on IS NOT NULL)
        EXECUTE FUNCTION job_statuses_await_dependencies()`);
    await runner.query(`
      CREATE TRIGGER job_statuses_await_dependencies_on_retry BEFORE UPDATE OF status ON job_statuses
        FOR EACH ROW WHEN (NEW.depends_on IS NOT NULL AND NEW.status = 'queued'
                           AND OLD.status IN ('completed', 'failed', 'cancelled'))
        EXECUTE FUNCTION job_statuses_await_dependencies()`);
    await runner.query(`
      CREATE TRIGGER job_statuses_release_dependents AFTER UPDATE OF status ON job_statuses
        FOR EACH ROW WHEN (NEW.status IN ('completed', 'failed', 'cancelled')
                           AND OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION job_statuses_release_dependents()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER job_statuses_release_dependents ON job_statuses');
    await runner.query('DROP TRIGGER job_statuses_await_dependencies_on_retry ON job_statuses');
    await runner.query('DROP TRIGGER job_statuses_await_dependencies ON job_statuses');
    await runner.query('DROP FUNCTION job_statuses_release_dependents()');
    await runner.query('DROP FUNCTION job_statuses_await_dependencies()');
    await runner.query('DROP FUNCTION job_dependency_error(uuid, text, int)');
    await runner.query('DROP FUNCTION job_dependencies_verdict(uuid[], text)');
    await this.indexUnfinished(runner, ['queued', 'scheduled', 'running', 'retrying']);
    await runner.query(`UPDATE job_statuses SET status = 'queued' WHERE status = 'waiting'`);
    await this.allowStates(runner, STATES);
    await runner.query('DROP INDEX job_statuses_waiting_on');
    await runner.query(
      'ALTER TABLE job_statuses DROP COLUMN on_dependency_failure, DROP COLUMN depends_on',
    );
  }

  private async allowStates(runner: QueryRunner, states: readonly string[]): Promise<void> {
    const list = states.map((state) => `'${state}'`).join(', ');
    await runner.query(`
      ALTER TABLE job_statuses DROP CONSTRAINT job_statuses_status_check,
        ADD CONSTRAINT job_statuses_status_check CHECK (status IN (${list}))`);
  }

  private async indexUnfinished(runner: QueryRunner, states: readonly string[]): Promise<void> {
    const list = states.map((state) => `'${state}'`).join(', ');
    await runner.query('DROP INDEX job_statuses_unfinished, job_statuses_pending_tenant_idx');
    await runner.query(
      `CREATE INDEX job_statuses_unfinished ON job_statuses (id) WHERE status IN (${list})`,
    );
    await runner.query(
      `CREATE INDEX job_statuses_pending_tenant_idx ON job_statuses (tenant_id) WHERE status IN (${list})`,
    );
  }
}
