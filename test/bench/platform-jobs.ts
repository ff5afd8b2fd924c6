import type { TestDatabase } from '@lib/testing';
import { waitFor } from '@lib/testing';

// A drain of a full queue on a slow machine takes minutes; a stuck one still ends the run.
const SETTLE_TIMEOUT_MS = 15 * 60_000;
// Each poll is a connection and a count: twice a second costs the platform next to nothing.
const POLL_MS = 500;

/**
 * Waits until the number of job_statuses rows matching `condition` (an SQL predicate
 * written by the bench, never from outside) satisfies `done`.
 */
async function waitForCount(
  database: TestDatabase,
  condition: string,
  done: (rows: number) => boolean,
): Promise<void> {
  await waitFor(
    `the count of jobs with ${condition}`,
    async () => {
      const [row] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job_statuses WHERE ${condition}`,
      );
      return row.n;
    },
    done,
    { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: POLL_MS },
  );
}

/**
 * Waits until `jobs` jobs have been handed to Redis, or held back in Postgres for their
 * turn (past a tenant's window, see TENANT_WINDOW): where a platform queue stands when full.
 */
export const waitForDispatched = (database: TestDatabase, jobs: number) =>
  waitForCount(database, 'dispatched_at IS NOT NULL OR held_back', (n) => n >= jobs);

/** Waits until no job is left to run (none queued, scheduled, running or retrying). */
export const waitForAllFinished = (database: TestDatabase) =>
  waitForCount(
    database,
    "status IN ('queued', 'scheduled', 'running', 'retrying')",
    (n) => n === 0,
  );

/**
 * Completed jobs per second from the first attempt's start to the last one's end, as
 * Postgres recorded them (started_at, finished_at: its now(), one clock): what the workers
 * achieved, without their start-up.
 */
export async function completedPerSecond(database: TestDatabase): Promise<number> {
  const [row] = await database.query<{ jobs: number; seconds: number }>(
    `SELECT count(*)::int AS jobs,
            extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds
       FROM job_statuses WHERE status = 'completed'`,
  );
  return row.jobs / row.seconds;
}

/** Jobs that completed between two instants (epoch ms), by their finished_at. */
export async function completedBetween(
  database: TestDatabase,
  fromMs: number,
  toMs: number,
): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM job_statuses
      WHERE finished_at >= to_timestamp($1 / 1000.0) AND finished_at < to_timestamp($2 / 1000.0)`,
    [fromMs, toMs],
  );
  return row.n;
}

/**
 * Created → started of each job created from `fromMs` (epoch ms) on, in ms. Both times are
 * Postgres's now() (the INSERT's and the start's), so one clock measures both ends.
 */
export async function pickUpLatenciesMs(database: TestDatabase, fromMs: number): Promise<number[]> {
  const rows = await database.query<{ ms: number }>(
    `SELECT extract(epoch FROM started_at - created_at)::float8 * 1000 AS ms FROM job_statuses
      WHERE created_at >= to_timestamp($1 / 1000.0) AND started_at IS NOT NULL`,
    [fromMs],
  );
  return rows.map((row) => row.ms);
}

/** Ids of up to `limit` jobs, e.g. to read their statuses. */
export async function jobIds(database: TestDatabase, limit: number): Promise<string[]> {
  const rows = await database.query<{ id: string }>('SELECT id FROM job_statuses LIMIT $1', [
    limit,
  ]);
  return rows.map((row) => row.id);
}
