import { FixtureServer, TestPlatform } from '@lib/testing';
import type { AppProcess } from '@lib/testing';

const MB = 1024 * 1024;

describe('data_import and the event loop', () => {
  const platform = new TestPlatform('import-event-loop');
  const sources = new FixtureServer();
  let worker: AppProcess;

  beforeAll(async () => {
    await sources.start();
    await platform.start('api');
    worker = await platform.start('worker', {
      WORKER_QUEUES: 'etl',
      OUTBOUND_ALLOWED_HOSTS: sources.host,
      IMPORT_MAX_RECORD_BYTES: String(4 * MB),
    });
    await platform.database.query(
      'CREATE TABLE daily_imports (id integer PRIMARY KEY, amount numeric, note text)',
    );
  });
  afterAll(async () => {
    await platform.stop();
    await sources.stop();
  });

  /** Milliseconds each GET /health of the worker took, polled until `done` settles. */
  async function healthWhile(done: Promise<unknown>): Promise<number[]> {
    let finished = false;
    void done.finally(() => (finished = true));
    const took: number[] = [];
    while (!finished || took.length === 0) {
      const startedAt = Date.now();
      const response = await fetch(`http://127.0.0.1:${worker.env.HEALTH_PORT}/health`, {
        signal: AbortSignal.timeout(10_000),
      });
      await response.text();
      took.push(Date.now() - startedAt);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return took;
  }

  it('answers /health within 500 ms while casting 1 MB numeric-looking fields', async () => {
    // Digits then an "x": the quadratic pattern this replaced spent about half an hour on one.
    const field = `${'1'.repeat(MB)}x`;
    const rows = Array.from({ length: 5 }, (_, i) => `${i + 1},"${field}",${'n'.repeat(MB)}`);
    const url = sources.serve('/wide.csv', ['id,amount,note', ...rows, '6,2.5,ok'].join('\n'));
    const id = await platform.createJob({
      type: 'data_import',
      payload: {
        source: { url },
        format: 'csv',
        table: 'daily_imports',
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'amount', type: 'numeric' },
          { name: 'note', type: 'text' },
        ],
        key: ['id'],
      },
    });
    const finished = platform.waitForStatus(id, ['completed', 'failed'], 60_000);
    const took = await healthWhile(finished);
    const job = await finished;
    expect(job).toMatchObject({
      status: 'completed',
      result: { rows_read: 6, rows_loaded: 1, rows_failed: 5 },
    });
    expect(job.result.first_errors[0]).toEqual({
      row: 1,
      error: 'amount: longer than 1000 characters, the most a numeric value may have',
    });
    expect(took.filter((ms) => ms >= 500)).toEqual([]);
  });
});
