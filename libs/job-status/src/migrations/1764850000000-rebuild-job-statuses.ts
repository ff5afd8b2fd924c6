import type { QueryRunner } from 'typeorm';

const FORMER = 'job_statuses_former';

// The table's own triggers and its plain (non-unique) indexes, as SQL that recreates them on
// whichever table is called job_statuses when it runs. `ON ONLY` is how Postgres prints an
// index of a partitioned table; without it the index is built on every partition too.
async function triggersAndIndexes(runner: QueryRunner, skipIndexes: string[]): Promise<string[]> {
  const rows = (await runner.query(
    `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger
     WHERE tgrelid = 'job_statuses'::regclass AND NOT tgisinternal
     UNION ALL
     SELECT replace(pg_get_indexdef(indexrelid), ' ON ONLY ', ' ON ') FROM pg_index
     WHERE indrelid = 'job_statuses'::regclass AND NOT indisunique
       AND indexrelid::regclass::text <> ALL ($1::text[])`,
    [skipIndexes],
  )) as Array<{ def: string }>;
  return rows.map((row) => row.def);
}

/**
 * Moves every row of job_statuses into a new table of the same columns, checks and defaults,
 * which `createLike(former)` creates as job_statuses (and partitions, through `beforeCopy`),
 * keeping each row's id and seq, and the identity's position so that no seq is handed out
 * twice. Then the former table goes, and its triggers and plain indexes (but those named in
 * `skipIndexes`) are made again on the new one: after the copy, which is faster than updating
 * them row by row, and so that no trigger fires on copied rows. Keys and unique indexes are
 * the caller's. Takes an exclusive lock on job_statuses until the migration's transaction ends.
 */
export async function rebuildJobStatuses(
  runner: QueryRunner,
  createLike: (former: string) => string,
  beforeCopy: (former: string) => Promise<void>,
  skipIndexes: string[],
): Promise<void> {
  await runner.query('LOCK TABLE job_statuses IN ACCESS EXCLUSIVE MODE');
  const recreate = await triggersAndIndexes(runner, skipIndexes);
  const [position] = (await runner.query(
    `SELECT pg_get_serial_sequence('job_statuses', 'seq') AS sequence`,
  )) as Array<{ sequence: string }>;
  const [{ last_value, is_called }] = (await runner.query(
    `SELECT last_value, is_called FROM ${position.sequence}`,
  )) as Array<{ last_value: string; is_called: boolean }>;
  await runner.query(
    'ALTER TABLE webhook_deliveries DROP CONSTRAINT IF EXISTS webhook_deliveries_job_id_fkey',
  );
  await runner.query(`ALTER TABLE job_statuses RENAME TO ${FORMER}`);
  await runner.query(createLike(FORMER));
  await beforeCopy(FORMER);
  await runner.query(`INSERT INTO job_statuses OVERRIDING SYSTEM VALUE SELECT * FROM ${FORMER}`);
  await runner.query(`DROP TABLE ${FORMER}`);
  const [created] = (await runner.query(
    `SELECT pg_get_serial_sequence('job_statuses', 'seq') AS sequence`,
  )) as Array<{ sequence: string }>;
  await runner.query(`SELECT setval($1, $2, $3)`, [created.sequence, last_value, is_called]);
  // LIKE named the new identity's sequence apart from the former table's, which is gone now.
  if (!created.sequence.endsWith('.job_statuses_seq_seq')) {
    await runner.query(`ALTER SEQUENCE ${created.sequence} RENAME TO job_statuses_seq_seq`);
  }
  for (const statement of recreate) {
    await runner.query(statement);
  }
}
