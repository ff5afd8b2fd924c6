export interface OrderedUpdate {
  /** The rows to write, e.g. `unnest($1::uuid[], $2::int[]) AS v(id, attempt)`; needs `v.id`. */
  source: string;
  /** The SET list, reading the new values from `v`. */
  set: string;
  /** The fence: which rows of `j` may be written. */
  fence: string;
  /** What each written row answers, `j.id` first; `j.*` columns are the new values. */
  returning?: string;
}

/**
 * One statement that writes many job_statuses rows, locking them in id order first.
 * Two batches touching the same jobs (the API marking them dispatched while a worker
 * starts them) otherwise lock rows in whatever order their joins produce and can
 * deadlock; Postgres only notices after deadlock_timeout (1 s) and kills one of them.
 * Only rows that pass the fence are locked: a lock writes the row too, and most batches
 * (a marker another statement already set, a job already taken over) write few rows.
 * The UPDATE checks the fence again on the locked, latest version of each row. Both find
 * their rows by `id = ANY` of the batch's ids, an index lookup in every partition: a join
 * to `v` let Postgres scan the whole partition whenever its statistics predated the rows.
 */
export const orderedUpdate = ({
  source,
  set,
  fence,
  returning = 'j.id',
}: OrderedUpdate): string => `
  WITH v AS (SELECT * FROM ${source}),
       locked AS (
         SELECT j.id FROM job_statuses j JOIN v ON v.id = j.id
         WHERE j.id = ANY(ARRAY(SELECT id FROM v)) AND (${fence})
         ORDER BY j.id FOR UPDATE OF j
       )
  UPDATE job_statuses AS j SET ${set}
  FROM v
  WHERE j.id = v.id AND j.id = ANY(ARRAY(SELECT id FROM locked)) AND (${fence})
  RETURNING ${returning}`;
