import { TestPlatform } from '@lib/testing';
import type { AppName } from '@lib/testing';

const APPS: AppName[] = ['api', 'worker', 'scheduler'];

describe('the job type catalogue', () => {
  const platforms: TestPlatform[] = [];
  afterAll(() => Promise.all(platforms.map((platform) => platform.stop())));

  it.each(APPS)('is written by the %s when it starts alone', async (app) => {
    const platform = new TestPlatform(`catalogue_${app}`);
    platforms.push(platform);
    await platform.start(app);
    const rows = await platform.database.query<{ type: string; default_queue: string }>(
      'SELECT type, default_queue FROM job_types ORDER BY type',
    );
    // Only the worker runs webhook deliveries, which the platform creates itself.
    const platformTypes =
      app === 'worker' ? [{ type: 'webhook_delivery', default_queue: 'webhooks' }] : [];
    expect(rows).toEqual([
      { type: 'data_import', default_queue: 'etl' },
      { type: 'sleep', default_queue: 'default' },
      { type: 'sql_transform', default_queue: 'etl' },
      { type: 'truncate_table', default_queue: 'default' },
      ...platformTypes,
    ]);
  });

  it('lets SQL create a job with the same defaults as POST /create-jobs', async () => {
    const platform = new TestPlatform('catalogue_parity');
    platforms.push(platform);
    await platform.start('api');
    const viaHttp = await platform.createJob({ type: 'data_import', payload: validImport });
    const [{ id: viaSql }] = await platform.database.query<{ id: string }>(
      'SELECT jobs_enqueue($1, $2) AS id',
      ['data_import', validImport],
    );
    // Everything dispatch decides for a request that names no option.
    const decided = (id: string) =>
      platform.database.query(
        `SELECT tenant_id, type, queue, priority, status, payload, attempts, max_attempts,
                backoff, timeout_ms, run_at
         FROM job_statuses WHERE id = $1`,
        [id],
      );
    const [http, sql] = await Promise.all([decided(viaHttp), decided(viaSql)]);
    expect(sql).toEqual(http);
  });
});

const validImport = {
  schema: 'public',
  table: 'daily_imports',
  source: { file: 'daily_imports.csv' },
  format: 'csv',
  columns: [{ name: 'id', type: 'integer' }],
  key: ['id'],
  batch_size: 1000,
};
