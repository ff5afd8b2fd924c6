import { JOB_STATES as S, sqlStates } from './job-state';

// Both match a partial index of migration 1764860000000 (job_statuses_in_redis, _in_line).
/** Row `j` is a job Redis holds for its tenant's window: waiting there, running, or between attempts. */
export const inRedis = (j: string): string => `${j}.dispatched_at IS NOT NULL
  AND ${j}.status IN (${sqlStates([S.queued, S.running, S.retrying])})`;

/** Row `j` is a job in its tenant's line in Postgres, waiting for a place in Redis. */
export const inLine = (j: string): string => `${j}.dispatched_at IS NULL
  AND ${j}.status IN (${sqlStates([S.queued, S.retrying])})`;

/**
 * How long a new row is its creator's to hand over (ms): the creator gives up after 1.5 s
 * (see JobHandOff), and only then may the sweep take the row.
 */
export const CREATOR_GRACE_MS = 2000;

/** Row `j` is still its creator's to hand over (see CREATOR_GRACE_MS), `graceMs` an SQL expression. */
export const withCreator = (j: string, graceMs: string): string => `${inLine(j)}
  AND NOT ${j}.held_back AND ${j}.updated_at >= now() - make_interval(secs => ${graceMs} / 1000.0)`;

/**
 * Room left in the window of size `size` of the (queue, tenant) line `line`: the size minus
 * the jobs Redis holds of it and those their creators are handing over (not marked yet).
 * Each count stops at the size: it reads at most a window's index entries, however large
 * the backlog.
 */
export const roomIn = (
  line: string,
  size: string,
  graceMs: string,
  /** An SQL array of ids announced to the sweep: theirs to hand over, not their creators'. */
  announced = "'{}'::uuid[]",
): string => {
  const count = (condition: string) => `(SELECT count(*) FROM (
    SELECT 1 FROM job_statuses h
    WHERE h.queue = ${line}.queue AND h.tenant_id = ${line}.tenant_id AND ${condition}
    LIMIT GREATEST(${size}, 0)) AS held)`;
  const handing = `${withCreator('h', graceMs)} AND h.id <> ALL(${announced})`;
  return `${size} - ${count(inRedis('h'))} - ${count(handing)}`;
};

/**
 * Taken by the sweep before it counts: every hand-off of a windowed job counts and marks
 * under it, so two processes never both take the last place in a window.
 */
export const FAIR_HAND_OFF_LOCK = `
  SELECT pg_advisory_xact_lock(hashtextextended('job_statuses.fair_hand_off', 0))`;
