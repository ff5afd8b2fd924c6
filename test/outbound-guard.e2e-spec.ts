import { FixtureServer, TestPlatform } from '@lib/testing';
import type { AppProcess } from '@lib/testing';

// Every source here is on loopback: 127.0.0.1 (two fixture servers, one of them listed in
// OUTBOUND_ALLOWED_HOSTS), 127.0.0.2 and localhost. No request leaves the machine.
const CSV = 'id,name\n1,Ann\n2,Bob\n';
const COLUMNS = [
  { name: 'id', type: 'integer' },
  { name: 'name', type: 'text' },
];

describe('the outbound guard of data_import', () => {
  const platform = new TestPlatform('outbound-guard');
  const listed = new FixtureServer();
  const unlisted = new FixtureServer();
  let worker: AppProcess;
  const startWorker = (allowedHosts: string) =>
    platform.start('worker', {
      WORKER_QUEUES: 'etl',
      OUTBOUND_ALLOWED_HOSTS: allowedHosts,
      OUTBOUND_IDLE_TIMEOUT_MS: '1000',
      IMPORT_MAX_BYTES: '100000',
      IMPORT_MAX_RECORD_BYTES: '1024',
    });

  beforeAll(async () => {
    await Promise.all([listed.start(), unlisted.start()]);
    await platform.start('api');
    worker = await startWorker(listed.host);
    await platform.database.query('CREATE TABLE daily_imports (id integer PRIMARY KEY, name text)');
  });
  afterAll(async () => {
    await platform.stop();
    await Promise.all([listed.stop(), unlisted.stop()]);
  });

  const importFrom = async (url: string) => {
    const id = await platform.createJob({
      type: 'data_import',
      payload: {
        source: { url },
        format: 'csv',
        table: 'daily_imports',
        columns: COLUMNS,
        key: ['id'],
      },
      backoff: { type: 'fixed', delay_ms: 100 },
    });
    return platform.waitForStatus(id, ['completed', 'failed']);
  };

  it('refuses a loopback URL until OUTBOUND_ALLOWED_HOSTS lists it, sending it no request', async () => {
    const url = unlisted.serve('/daily.csv', CSV);
    const refused = await importFrom(url);
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, error: { permanent: true } });
    expect(refused.error.message).toBe(
      `Refused to connect to 127.0.0.1: loopback addresses are not allowed; list "${unlisted.host}" in OUTBOUND_ALLOWED_HOSTS to allow it.`,
    );
    expect(unlisted.requests()).toBe(0);

    await platform.kill('worker');
    worker = await startWorker(`${listed.host},${unlisted.host}`);
    const accepted = await importFrom(url);
    expect(accepted).toMatchObject({ status: 'completed', result: { rows_loaded: 2 } });
    expect(unlisted.requestsTo('/daily.csv')).toBe(1);
  });

  it('refuses a redirect from an allowed host to a loopback address it does not list', async () => {
    const url = listed.redirect('/moved.csv', `http://127.0.0.2:${listed.port}/daily.csv`);
    const job = await importFrom(url);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, error: { permanent: true } });
    expect(job.error.message).toBe(
      `Refused to connect to 127.0.0.2: loopback addresses are not allowed; list "127.0.0.2:${listed.port}" in OUTBOUND_ALLOWED_HOSTS to allow it.`,
    );
    expect(listed.requestsTo('/moved.csv')).toBe(1);
  });

  it('refuses a name that resolves to loopback, and an IPv4-mapped loopback address', async () => {
    const before = listed.requests();
    const byName = await importFrom(`http://localhost:${listed.port}/daily.csv`);
    expect(byName).toMatchObject({ status: 'failed', attempts: 1, error: { permanent: true } });
    expect(byName.error.message).toMatch(
      /^Refused to connect to (127\.0\.0\.1|::1) \(resolved from localhost\): loopback addresses are not allowed; list "localhost:\d+" in OUTBOUND_ALLOWED_HOSTS/,
    );
    const mapped = await importFrom(`http://[::ffff:127.0.0.1]:${listed.port}/daily.csv`);
    expect(mapped.error.message).toContain(
      'loopback addresses are not allowed (IPv4-mapped 127.0.0.1)',
    );
    expect(listed.requests()).toBe(before);
  });

  it('fails for good past IMPORT_MAX_BYTES and past IMPORT_MAX_RECORD_BYTES', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `${i + 1},name ${i + 1}`);
    const large = await importFrom(listed.serve('/large.csv', ['id,name', ...rows].join('\n')));
    expect(large).toMatchObject({ status: 'failed', attempts: 1, error: { permanent: true } });
    expect(large.error.message).toBe(
      'The source is larger than 100000 bytes (IMPORT_MAX_BYTES); split it, or raise IMPORT_MAX_BYTES.',
    );
    const wide = await importFrom(listed.serve('/wide.csv', `id,name\n1,${'x'.repeat(2000)}\n`));
    expect(wide).toMatchObject({ status: 'failed', attempts: 1, error: { permanent: true } });
    expect(wide.error.message).toContain(
      'A CSV record of the source is longer than 1024 bytes (IMPORT_MAX_RECORD_BYTES)',
    );
  });

  it('retries a source that goes silent past OUTBOUND_IDLE_TIMEOUT_MS', async () => {
    const url = listed.trickle('/slow.csv', ['id,name\n', '1,Ann\n'], 3000);
    const job = await importFrom(url);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, error: { permanent: false } });
    expect(job.error.message).toBe(
      `${listed.url('/slow.csv')} sent nothing for 1000 ms (OUTBOUND_IDLE_TIMEOUT_MS).`,
    );
  });

  it('keeps URL credentials and query strings out of job errors and the worker log', async () => {
    const secretUrl = (server: FixtureServer, path: string) =>
      `http://user:s3cret@${server.host}${path}?token=abc`;
    const refused = await importFrom(secretUrl(unlisted, '/x.csv'));
    const missing = await importFrom(secretUrl(listed, '/x.csv'));
    expect(missing.error.message).toBe(`http://${listed.host}/x.csv?… answered 404 Not Found.`);
    for (const job of [refused, missing]) {
      expect(job.status).toBe('failed');
      expect(JSON.stringify(job.errors)).not.toMatch(/s3cret|abc/);
    }
    // The worker logs each failure with its error: the log holds the URL, redacted.
    expect(worker.logs()).toContain(`${listed.host}/x.csv?… answered 404`);
    expect(worker.logs()).not.toMatch(/s3cret|token=abc/);
  });
});
