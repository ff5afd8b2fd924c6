import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPlatform, waitFor } from '@lib/testing';

// A minute of work if nothing stops it: one row every 100 ms.
const SLOW = `INSERT INTO slow_rows
  SELECT g FROM generate_series(1, 600) AS g WHERE pg_sleep(0.1) IS NOT NULL`;

describe('sql_transform', () => {
  const transformDir = mkdtempSync(join(tmpdir(), 'transforms-'));
  // The repository's own daily_stats transform, beside transforms made for these tests.
  copyFileSync(
    join(__dirname, '../transforms/daily_stats.sql'),
    join(transformDir, 'daily_stats.sql'),
  );
  writeFileSync(join(transformDir, 'slow_rows.sql'), SLOW);
  writeFileSync(
    join(transformDir, 'two_statements.sql'),
    "INSERT INTO slow_rows VALUES (-1);\nDELETE FROM daily_stats WHERE ';' = ';';\n",
  );
  writeFileSync(join(transformDir, 'vanishing.sql'), 'SELECT 1');
  const platform = new TestPlatform('sql-transform', { TRANSFORM_DIR: transformDir });

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker', { WORKER_QUEUES: 'etl' });
    await platform.database.query(`CREATE TABLE daily_imports (
      id bigint PRIMARY KEY, name text, amount numeric, updated_at timestamptz)`);
    await platform.database.query(`CREATE TABLE daily_stats (
      day date PRIMARY KEY, records bigint NOT NULL, total_amount numeric NOT NULL)`);
    await platform.database.query('CREATE TABLE slow_rows (n int)');
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(transformDir, { recursive: true, force: true });
  });

  const transform = (name: string, extra = {}) =>
    platform.createJob({ type: 'sql_transform', payload: { transform: name }, ...extra });

  it('runs daily_stats over daily_imports and reports the row count', async () => {
    await platform.database.query(`INSERT INTO daily_imports VALUES
      (1, 'a', 10.5, '2026-11-01T10:00:00Z'), (2, 'b', 2, '2026-11-01T23:00:00Z'),
      (3, 'c', 7, '2026-11-02T08:00:00Z'), (4, 'd', 1, NULL)`);
    const first = await platform.waitForStatus(await transform('daily_stats'), [
      'completed',
      'failed',
    ]);
    expect(first).toMatchObject({ status: 'completed', queue: 'etl' });
    expect(first.result).toEqual({ transform: 'daily_stats', rows: 2 });
    expect(
      await platform.database.query(
        'SELECT day::text, records::int, total_amount::text FROM daily_stats ORDER BY day',
      ),
    ).toEqual([
      { day: '2026-11-01', records: 2, total_amount: '12.5' },
      { day: '2026-11-02', records: 1, total_amount: '7' },
    ]);
    // Days whose figures did not change are not written again.
    await platform.database.query(
      "INSERT INTO daily_imports VALUES (5, 'e', 3, '2026-11-02T09:00:00Z')",
    );
    const second = await platform.waitForStatus(await transform('daily_stats'), ['completed']);
    expect(second.result).toEqual({ transform: 'daily_stats', rows: 1 });
  });

  const refusal = async (name: string) => {
    const before = (await platform.rows()).length;
    const response = await platform.post('/create-jobs', {
      type: 'sql_transform',
      payload: { transform: name },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_payload');
    expect((await platform.rows()).length).toBe(before);
    return response.body.message as string;
  };

  it('refuses a name outside the allow-list at dispatch, naming the known transforms', async () => {
    expect(await refusal('drop_everything')).toBe(
      'Unknown transform "drop_everything". Known transforms: daily_stats, slow_rows, ' +
        `two_statements, vanishing (the .sql files of TRANSFORM_DIR ${transformDir}).`,
    );
  });

  it.each(['../daily_stats', 'daily_stats.sql', '/etc/passwd'])(
    'refuses the path %j at dispatch',
    async (name) => {
      expect(await refusal(name)).toMatch(/^payload\.transform must be a transform name/);
    },
  );

  it('refuses SQL sent in the request', async () => {
    const response = await platform.post('/create-jobs', {
      type: 'sql_transform',
      payload: { transform: 'daily_stats', sql: 'DROP TABLE daily_stats' },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe("payload.sql is not a field of sql_transform's payload.");
  });

  it('fails at once, running nothing, when the file holds two statements', async () => {
    const job = await platform.waitForStatus(await transform('two_statements'), ['failed']);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatchObject({ permanent: true, name: 'PermanentJobError' });
    expect(job.error.message).toContain(
      'it holds more than one SQL statement; a transform file holds exactly one.',
    );
    expect(await platform.database.query('SELECT * FROM slow_rows')).toEqual([]);
  });

  it('fails at once when a listed file is gone', async () => {
    rmSync(join(transformDir, 'vanishing.sql'));
    const job = await platform.waitForStatus(await transform('vanishing'), ['failed']);
    expect(job).toMatchObject({ attempts: 1, error: { permanent: true } });
    expect(job.error.message).toContain('Transform vanishing cannot be read from');
  });

  it('ends cancelled when cancelled mid-statement, its transaction rolled back', async () => {
    const id = await transform('slow_rows');
    const running = () =>
      platform.database.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE query LIKE 'INSERT INTO slow_rows%' AND state = 'active'",
      );
    await waitFor('the transform to be running in Postgres', running, (rows) => rows.length === 1, {
      timeoutMs: 20_000,
    });
    // Some rows are written by now, inside the transaction, not yet committed.
    await waitFor(
      'the statement to have run a while',
      () =>
        platform.database.query<{ ms: number }>(
          `SELECT extract(epoch FROM clock_timestamp() - query_start) * 1000 AS ms
             FROM pg_stat_activity WHERE query LIKE 'INSERT INTO slow_rows%' AND state = 'active'`,
        ),
      (rows) => rows.length === 1 && rows[0].ms > 500,
      { timeoutMs: 20_000 },
    );
    expect((await platform.post(`/jobs/${id}/cancel`, {})).status).toBe(202);
    const job = await platform.waitForStatus(id, ['cancelled', 'failed', 'completed']);
    expect(job.status).toBe('cancelled');
    await waitFor('the statement to stop', running, (rows) => rows.length === 0, {
      timeoutMs: 20_000,
    });
    expect(await platform.database.query('SELECT * FROM slow_rows')).toEqual([]);
  });
});
