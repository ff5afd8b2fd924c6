import type { TestDatabase } from '@lib/testing';

const DAY_MS = 24 * 60 * 60_000;
// Statements of this many rows: each one short enough to report progress often.
const CHUNK = 250_000;

/** The values GET /jobs is filtered by in the history measure, with their share of the rows. */
export const HISTORY_FILTERS = {
  status: 'failed',
  type: 'truncate_table',
  queue: 'high',
} as const;

/**
 * Fills job_statuses with `rows` jobs of the default tenant in SQL (generate_series), spread
 * evenly over the last `days` days, one partition after another, as a platform keeping
 * `days` days of history holds them: mostly completed, some failed, cancelled or still
 * queued; three types on three queues. Then ANALYZE, as autovacuum would do in time.
 * @returns how long the seeding took, in ms
 */
export async function seedHistory(
  database: TestDatabase,
  rows: number,
  days: number,
  progress: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  const spanMs = days * DAY_MS;
  await database.query(
    `SELECT job_statuses_create_partitions(((now() - make_interval(days => $1)) AT TIME ZONE 'UTC')::date,
                                           (now() AT TIME ZONE 'UTC')::date)`,
    [days],
  );
  for (let first = 0; first < rows; first += CHUNK) {
    const last = Math.min(rows, first + CHUNK) - 1;
    // Row n was created (rows - n) / rows of the span ago: oldest first, as seq grows.
    await database.query(
      `INSERT INTO job_statuses (id, type, queue, status, payload, attempts, max_attempts, backoff,
                                 created_at, started_at, finished_at, dispatched_at)
       SELECT gen_random_uuid(), (ARRAY['sleep', 'data_import', 'truncate_table'])[1 + n % 3],
              (ARRAY['default', 'low', 'high'])[1 + (n / 3) % 3], s.status, '{"ms": 0}', 1, 3,
              '{"type": "fixed", "delay_ms": 1000}', at, at, CASE WHEN s.status <> 'queued' THEN at END, at
       FROM generate_series($1::int, $2::int) AS n,
            LATERAL (SELECT now() - make_interval(secs => ($3::float8 / 1000) * ($4 - n) / $4) AS at,
                            CASE WHEN n % 100 < 90 THEN 'completed' WHEN n % 100 < 96 THEN 'failed'
                                 WHEN n % 100 < 99 THEN 'cancelled' ELSE 'queued' END AS status) AS s`,
      [first, last, spanMs, rows],
    );
    progress(`history: ${last + 1} of ${rows} rows written`);
  }
  await database.query('ANALYZE job_statuses');
  return Date.now() - started;
}
