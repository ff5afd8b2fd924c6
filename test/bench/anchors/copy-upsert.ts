import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { escapeIdentifier } from 'pg';

const run = promisify(execFile);

/**
 * The anchor of data_import, in psql: `\copy` of the CSV into a temporary table, then one
 * INSERT … SELECT … ON CONFLICT (id) DO UPDATE … WHERE … IS DISTINCT FROM … into `table`
 * (columns id, name, amount, updated_at), in one transaction. Timed inside the session by
 * clock_timestamp(), so psql's own start-up is not. Answers the seconds it took.
 */
export async function copyThenUpsert(
  databaseUrl: string,
  table: string,
  csvFile: string,
  scratchDir: string,
): Promise<number> {
  const target = escapeIdentifier(table);
  const others = ['name', 'amount', 'updated_at'];
  const script = join(scratchDir, `copy-upsert-${table}.sql`);
  writeFileSync(
    script,
    `SELECT extract(epoch FROM clock_timestamp());
BEGIN;
CREATE TEMP TABLE staging (LIKE ${target}) ON COMMIT DROP;
\\copy staging FROM '${csvFile.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)
INSERT INTO ${target} AS target SELECT * FROM staging
  ON CONFLICT (id) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  WHERE (${others.map((c) => `target.${c}`).join(', ')})
    IS DISTINCT FROM (${others.map((c) => `EXCLUDED.${c}`).join(', ')});
COMMIT;
SELECT extract(epoch FROM clock_timestamp());
`,
  );
  const { stdout } = await run('psql', [
    databaseUrl,
    '-X',
    '-q',
    '-At',
    '-v',
    'ON_ERROR_STOP=1',
    '-f',
    script,
  ]);
  const [startedAt, endedAt] = stdout.trim().split('\n').map(Number);
  return endedAt - startedAt;
}
