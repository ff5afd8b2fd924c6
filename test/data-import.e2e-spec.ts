import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureServer, TestPlatform, waitFor } from '@lib/testing';

const COLUMNS = [
  { name: 'id', type: 'integer' },
  { name: 'name', from: 'full_name', type: 'text' },
  { name: 'amount', type: 'numeric' },
  { name: 'active', type: 'boolean' },
  { name: 'updated_at', type: 'timestamp' },
];

const CSV = [
  'id,full_name,amount,active,updated_at',
  '1,"Smith, Jo",10.50,yes,2026-11-01T10:00:00Z',
  '2,Ann,7,no,2026-11-02T10:00:00Z',
  '3,Bob,abc,yes,2026-11-03T10:00:00Z',
  '4,Cy,,true,',
].join('\n');

describe('data_import', () => {
  const importDir = mkdtempSync(join(tmpdir(), 'imports-'));
  const platform = new TestPlatform('data-import', {
    IMPORT_DIR: importDir,
    IMPORT_ALLOWED_TABLES: 'public.daily_imports',
  });
  const sources = new FixtureServer();

  beforeAll(async () => {
    await sources.start();
    await platform.start('api');
    await platform.start('worker', { WORKER_QUEUES: 'etl', OUTBOUND_ALLOWED_HOSTS: sources.host });
    await platform.database.query(`CREATE TABLE daily_imports (
      id integer PRIMARY KEY, name text, amount numeric(10,2), active boolean, updated_at timestamptz)`);
  });
  afterAll(async () => {
    await platform.stop();
    await sources.stop();
    rmSync(importDir, { recursive: true, force: true });
  });
  beforeEach(() => platform.database.query('TRUNCATE daily_imports'));

  const importJob = (source: Record<string, string>, format: string, extra = {}) =>
    platform.createJob({
      type: 'data_import',
      payload: { source, format, table: 'daily_imports', columns: COLUMNS, key: ['id'], ...extra },
      backoff: { type: 'fixed', delay_ms: 100 },
    });
  const table = () =>
    platform.database.query(
      `SELECT id, name, amount::text, active, updated_at, xmin::text AS version
         FROM daily_imports ORDER BY id`,
    );

  it('loads CSV from a URL, counting and sampling the bad rows', async () => {
    const id = await importJob({ url: sources.serve('/daily.csv', CSV) }, 'csv');
    const job = await platform.waitForStatus(id, ['completed', 'failed']);
    expect(job).toMatchObject({ status: 'completed', queue: 'etl' });
    expect(job.result).toEqual({
      rows_read: 4,
      rows_loaded: 3,
      rows_failed: 1,
      rows_inserted: 3,
      rows_updated: 0,
      first_errors: [{ row: 3, error: 'amount: not a number' }],
    });
    expect(job.progress).toEqual({ rows_read: 4, rows_loaded: 3, rows_failed: 1 });
    expect((await table()).map(({ version: _version, ...row }) => row)).toEqual([
      {
        id: 1,
        name: 'Smith, Jo',
        amount: '10.50',
        active: true,
        updated_at: new Date('2026-11-01T10:00:00Z'),
      },
      {
        id: 2,
        name: 'Ann',
        amount: '7.00',
        active: false,
        updated_at: new Date('2026-11-02T10:00:00Z'),
      },
      { id: 4, name: 'Cy', amount: null, active: true, updated_at: null },
    ]);
  });

  it('changes nothing when the same import runs again', async () => {
    const url = sources.serve('/again.csv', CSV);
    await platform.waitForStatus(await importJob({ url }, 'csv'), ['completed']);
    const before = await table();
    const rerun = await platform.waitForStatus(await importJob({ url }, 'csv'), ['completed']);
    expect(rerun.result).toMatchObject({ rows_loaded: 3, rows_inserted: 0, rows_updated: 0 });
    // Same row versions: not even rewritten with equal values.
    expect(await table()).toEqual(before);
  });

  it('loads NDJSON and a JSON array, updating the rows whose values changed', async () => {
    const ndjson = [
      '{"id": 1, "full_name": "Jo", "amount": 1, "active": true}',
      '{"id": 2, "full_name": "Ann", "amount": 2.5, "active": false}',
      'not json',
    ].join('\n');
    const first = await importJob({ url: sources.serve('/rows.ndjson', ndjson) }, 'ndjson');
    expect((await platform.waitForStatus(first, ['completed'])).result).toMatchObject({
      rows_read: 3,
      rows_inserted: 2,
      rows_failed: 1,
      first_errors: [{ row: 3, error: expect.stringMatching(/^is not valid JSON/) }],
    });

    const json = JSON.stringify([
      { id: 1, full_name: 'Jo', amount: 1, active: true },
      { id: 2, full_name: 'Ann B.', amount: 2.5, active: false },
      { id: 5, full_name: 'Eve', amount: '3', active: 'f' },
    ]);
    const second = await importJob({ url: sources.serve('/rows.json', json) }, 'json');
    expect((await platform.waitForStatus(second, ['completed'])).result).toMatchObject({
      rows_loaded: 3,
      rows_inserted: 1,
      rows_updated: 1,
      rows_failed: 0,
    });
    expect((await table()).map((row) => row.name)).toEqual(['Jo', 'Ann B.', 'Eve']);
  });

  it('keeps text exactly as read, tabs, line breaks, backslashes and unicode included', async () => {
    const names = [
      'tab\there',
      'two\nlines',
      'crlf\r\nend',
      'lone\rreturn',
      'back\\slash\\',
      '\\N',
      '\\.',
      '"quoted", comma',
      'héllo wörld 😀 日本語',
      '',
    ];
    const ndjson = names.map((name, i) => JSON.stringify({ id: i + 1, full_name: name }));
    const first = await importJob(
      { url: sources.serve('/nasty.ndjson', ndjson.join('\n')) },
      'ndjson',
    );
    expect((await platform.waitForStatus(first, ['completed'])).result).toMatchObject({
      rows_inserted: names.length,
      rows_failed: 0,
    });
    const loaded = await table();
    expect(loaded.map((row) => row.name)).toEqual(names);

    // The same values as quoted CSV fields: read alike, so nothing is rewritten.
    const csv = names.map((name, i) => `${i + 1},"${name.replaceAll('"', '""')}"`);
    const url = sources.serve('/nasty.csv', ['id,full_name', ...csv].join('\r\n'));
    const second = await importJob({ url }, 'csv');
    expect((await platform.waitForStatus(second, ['completed'])).result).toMatchObject({
      rows_loaded: names.length,
      rows_inserted: 0,
      rows_updated: 0,
    });
    expect(await table()).toEqual(loaded);
  });

  it('reads a file under IMPORT_DIR', async () => {
    writeFileSync(join(importDir, 'daily.csv'), CSV);
    const id = await importJob({ file: 'daily.csv' }, 'csv');
    expect((await platform.waitForStatus(id, ['completed'])).result).toMatchObject({
      rows_loaded: 3,
    });
  });

  it.each([
    [
      { file: '../outside.csv' },
      'daily_imports',
      `payload.source.file "../outside.csv" is outside IMPORT_DIR`,
    ],
    [
      { file: '/etc/passwd' },
      'daily_imports',
      `payload.source.file "/etc/passwd" is outside IMPORT_DIR`,
    ],
    [
      { url: 'ftp://example.com/a.csv' },
      'daily_imports',
      'payload.source.url must be an http:// or https:// URL',
    ],
    [
      { file: 'a.csv' },
      'job_statuses',
      'Table public.job_statuses is not allowed. Allowed tables: public.daily_imports (set IMPORT_ALLOWED_TABLES).',
    ],
  ])(
    'refuses source %j into %s with 400, writing and queueing nothing',
    async (source, target, message) => {
      const rowsBefore = (await platform.rows()).length;
      const response = await platform.post('/create-jobs', {
        type: 'data_import',
        payload: { source, format: 'csv', table: target, columns: COLUMNS, key: ['id'] },
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(message);
      expect(await platform.rows()).toHaveLength(rowsBefore);
      expect(await platform.queues.keys('etl:wait')).toEqual([]);
    },
  );

  it('fails for good past max_failed_rows, leaving the batch in flight unwritten', async () => {
    const id = await importJob({ url: sources.serve('/bad.csv', CSV) }, 'csv', {
      max_failed_rows: 0,
    });
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatchObject({
      permanent: true,
      message: expect.stringContaining('1 bad rows, more than max_failed_rows (0)'),
    });
    expect(await table()).toEqual([]);
  });

  it('stops when cancelled, keeping only whole batches', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i + 1},Row ${i + 1},1,yes,\n`);
    const url = sources.trickle(
      '/slow.csv',
      ['id,full_name,amount,active,updated_at\n', ...rows],
      20,
    );
    const id = await importJob({ url }, 'csv', { batch_size: 5 });
    await waitFor('two batches to be loaded', table, (loaded) => loaded.length >= 10);
    expect((await platform.post(`/jobs/${id}/cancel`, {})).body.status).toBe('cancelling');
    const job = await platform.waitForStatus(id, ['cancelled', 'completed', 'failed']);
    expect(job.status).toBe('cancelled');
    const loaded = (await table()).length;
    expect(loaded % 5).toBe(0);
    expect(loaded).toBeLessThan(200);
  });

  it('retries a source that answers 5xx and fails at once on 4xx', async () => {
    const flaky = await importJob({ url: sources.serve('/down.csv', 'busy', 503) }, 'csv');
    const missing = await importJob({ url: sources.url('/missing.csv') }, 'csv');
    const down = await platform.waitForStatus(flaky, ['failed']);
    expect(down).toMatchObject({ attempts: 3, error: { permanent: false } });
    expect(down.error.message).toContain('answered 503');
    expect(sources.requestsTo('/down.csv')).toBe(3);
    const gone = await platform.waitForStatus(missing, ['failed']);
    expect(gone).toMatchObject({ attempts: 1, error: { permanent: true } });
    expect(gone.error.message).toContain('answered 404');
  });

  it('retries a source whose connection is reset mid-stream', async () => {
    const url = sources.cutOff('/reset.csv', CSV.split('\n').slice(0, 3).join('\n'));
    const job = await platform.waitForStatus(await importJob({ url }, 'csv'), ['failed']);
    expect(job).toMatchObject({ attempts: 3, error: { permanent: false } });
    // The reset reaches the reader as a read error or as the socket closing, by timing.
    expect(job.error.message).toMatch(
      /^Reading http:\/\/.+\/reset\.csv failed: .*(ECONNRESET|other side closed)/,
    );
    expect(job.errors).toHaveLength(3);
  });

  it('fails for good when the file as a whole cannot be parsed', async () => {
    const id = await importJob({ url: sources.serve('/broken.json', '[{"id": 1},') }, 'json');
    const job = await platform.waitForStatus(id, ['failed']);
    expect(job).toMatchObject({ attempts: 1, error: { permanent: true } });
    expect(job.error.message).toContain('The json source cannot be parsed');
  });
});
