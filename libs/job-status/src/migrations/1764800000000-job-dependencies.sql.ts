// The SQL of job dependencies as migration 1764800000000 created it. A migration is a
// snapshot: later changes go in a new migration, never here, which is why states are
// written out rather than taken from JOB_STATES. `table` is job_statuses, schema-qualified
// and quoted: trigger functions run under the writer's search_path.

/**
 * What a job's dependencies allow, read afresh (VOLATILE: each query takes a new snapshot,
 * so a dependency that committed while the caller waited for a lock is seen as it is now):
 * `cancel` (one ended failed or cancelled and the job does not run anyway; `blocker_*` name
 * it), `wait` (one has not ended), or `run`.
 */
export const JOB_DEPENDENCIES_VERDICT = (table: string) => `
  CREATE FUNCTION job_dependencies_verdict(
    wanted uuid[], on_failure text, OUT verdict text, OUT blocker_id uuid, OUT blocker_status text
  ) LANGUAGE plpgsql VOLATILE AS $fn$
  BEGIN
    SELECT d.id, d.status INTO blocker_id, blocker_status FROM ${table} d
      WHERE d.id = ANY (wanted) AND d.status IN ('failed', 'cancelled')
      ORDER BY d.finished_at, d.id LIMIT 1;
    IF blocker_id IS NOT NULL AND on_failure = 'cancel' THEN
      verdict := 'cancel';
    ELSIF EXISTS (SELECT 1 FROM ${table} d
                  WHERE d.id = ANY (wanted) AND d.status NOT IN ('completed', 'failed', 'cancelled')) THEN
      verdict := 'wait';
    ELSE
      verdict := 'run';
    END IF;
  END
  $fn$`;

/** The error a job cancelled by its dependency carries, shaped as every JobError. */
export const JOB_DEPENDENCY_ERROR = `
  CREATE FUNCTION job_dependency_error(blocker_id uuid, blocker_status text, attempt int)
  RETURNS jsonb LANGUAGE sql STABLE AS $fn$
    SELECT jsonb_build_object(
      'message', format('Dependency %s ended %s, so this job was cancelled. Retry the '
        'dependency, then this job, or create it with on_dependency_failure "run" to run it '
        'whatever its dependencies end as.', blocker_id, blocker_status),
      'permanent', true,
      'name', 'DependencyFailedError',
      'attempt', attempt,
      'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  $fn$`;

/**
 * BEFORE INSERT (and BEFORE a manual retry): a job whose dependencies have not all
 * completed waits; one whose dependency failed is cancelled at once. The dependencies are
 * share-locked first, in id order: one finishing right now commits before this reads it,
 * and one finishing later waits for this row to commit, so its release always sees it.
 */
export const JOB_STATUSES_AWAIT_DEPENDENCIES = (table: string) => `
  CREATE FUNCTION job_statuses_await_dependencies() RETURNS trigger
  LANGUAGE plpgsql AS $fn$
  DECLARE
    found record;
    problem jsonb;
  BEGIN
    PERFORM 1 FROM ${table} WHERE id = ANY (NEW.depends_on) ORDER BY id FOR SHARE;
    found := job_dependencies_verdict(NEW.depends_on, NEW.on_dependency_failure);
    IF found.verdict = 'wait' THEN
      NEW.status := 'waiting';
      NEW.dispatched_at := NULL;
    ELSIF found.verdict = 'cancel' THEN
      problem := job_dependency_error(found.blocker_id, found.blocker_status, NEW.attempts + 1);
      NEW.status := 'cancelled';
      NEW.finished_at := now();
      NEW.error := problem;
      NEW.errors := NEW.errors || jsonb_build_array(problem);
    END IF;
    RETURN NEW;
  END
  $fn$`;

/**
 * The loop body of job_statuses_release_dependents: `dependent` (a locked waiting row) is
 * queued once all its dependencies allow it, or cancelled. Shared with the function's later
 * versions (see migration 1764890000000).
 */
export const RELEASE_DEPENDENT = (
  table: string,
) => `      found := job_dependencies_verdict(dependent.depends_on, dependent.on_dependency_failure);
      IF found.verdict = 'run' THEN
        UPDATE ${table}
        SET status = CASE WHEN run_at > now() THEN 'scheduled' ELSE 'queued' END, updated_at = now()
        WHERE id = dependent.id;
        PERFORM pg_notify('jobs_enqueued', dependent.id::text);
      ELSIF found.verdict = 'cancel' THEN
        problem := job_dependency_error(found.blocker_id, found.blocker_status, dependent.attempts + 1);
        UPDATE ${table}
        SET status = 'cancelled', finished_at = now(), updated_at = now(), error = problem,
            errors = errors || jsonb_build_array(problem)
        WHERE id = dependent.id;
      END IF;`;

/**
 * AFTER a job ends: each job waiting on it is queued once all its dependencies allow it
 * (NOTIFY jobs_enqueued: the hand-off sweep gives it to Redis at commit), or cancelled,
 * which ends its own dependents in turn. Waiting rows are locked in id order, and the
 * verdict is read after the lock: two dependencies ending at once release a job once.
 */
export const JOB_STATUSES_RELEASE_DEPENDENTS = (table: string) => `
  CREATE FUNCTION job_statuses_release_dependents() RETURNS trigger
  LANGUAGE plpgsql AS $fn$
  DECLARE
    dependent record;
    found record;
    problem jsonb;
  BEGIN
    FOR dependent IN
      SELECT id, depends_on, on_dependency_failure, attempts FROM ${table}
      WHERE status = 'waiting' AND depends_on @> ARRAY[NEW.id] ORDER BY id FOR UPDATE
    LOOP
${RELEASE_DEPENDENT(table)}
    END LOOP;
    RETURN NULL;
  END
  $fn$`;
