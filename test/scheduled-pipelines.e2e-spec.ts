import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAILY_IMPORTS_PAYLOAD } from '@lib/jobs';
import { TestPlatform, waitFor } from '@lib/testing';

interface JobRow {
  id: string;
  type: string;
  status: string;
  scheduled_for: Date;
  depends_on: string[] | null;
  started_at: Date | null;
  finished_at: Date | null;
  result: unknown;
}

const CSV = [
  'id,name,amount,updated_at',
  '1,a,10.5,2026-11-01T10:00:00Z',
  '2,b,2,2026-11-01T23:00:00Z',
  '3,c,7,2026-11-02T08:00:00Z',
].join('\n');

/** The nightly ETL, every second: import the CSV, then compute daily_stats from it. */
const EVERY_SECOND_ETL = {
  name: 'etl_every_second',
  cron: '* * * * * *',
  steps: [
    {
      name: 'load',
      type: 'data_import',
      payload: DAILY_IMPORTS_PAYLOAD,
    },
    { name: 'stats', type: 'sql_transform', payload: { transform: 'daily_stats' } },
  ],
};

describe('a scheduled pipeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scheduled-pipelines-'));
  writeFileSync(join(dir, 'daily_imports.csv'), CSV);
  copyFileSync(join(__dirname, '../transforms/daily_stats.sql'), join(dir, 'daily_stats.sql'));
  const schedulesFile = join(dir, 'schedules.json');
  writeFileSync(
    schedulesFile,
    JSON.stringify([{ name: 'nightly_data_import', enabled: false }, EVERY_SECOND_ETL]),
  );
  const platform = new TestPlatform('scheduled-pipelines', {
    IMPORT_DIR: dir,
    TRANSFORM_DIR: dir,
    SCHEDULER_CATCHUP_MS: '0',
  });
  const jobs = () =>
    platform.database.query<JobRow>(
      `SELECT id, type, status, scheduled_for, depends_on, started_at, finished_at, result
         FROM job_statuses WHERE schedule_name = 'etl_every_second' ORDER BY seq`,
    );

  beforeAll(async () => {
    // The API lists the schedule as the schedulers run it.
    await platform.start('api', { SCHEDULES_FILE: schedulesFile });
    await platform.start('worker', { WORKER_QUEUES: 'etl' });
    await platform.database.query(`CREATE TABLE daily_imports (
      id bigint PRIMARY KEY, name text, amount numeric, updated_at timestamptz)`);
    await platform.database.query(`CREATE TABLE daily_stats (
      day date PRIMARY KEY, records bigint NOT NULL, total_amount numeric NOT NULL)`);
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates one chain per tick with two schedulers, each step after the one before', async () => {
    const env = { SCHEDULES_FILE: schedulesFile };
    const [one, two] = await Promise.all([
      platform.start('scheduler', env),
      platform.start('scheduler', env),
    ]);
    const bothReady = new Date();
    await waitFor(
      'four chains ticked after both schedulers were ready to have completed',
      jobs,
      (rows) =>
        rows.filter(
          (r) =>
            r.scheduled_for > bothReady && r.type === 'sql_transform' && r.status === 'completed',
        ).length >= 4,
      { timeoutMs: 60_000 },
    );
    await Promise.all([one.stop('SIGTERM'), two.stop('SIGTERM')]);
    const rows = await platform.waitForAllFinished(
      (await jobs()).map((r) => r.id),
      60_000,
    );
    expect([...rows.values()].every((status) => status === 'completed')).toBe(true);

    const all = await jobs();
    const byTick = new Map<string, JobRow[]>();
    for (const row of all) {
      const tick = row.scheduled_for.toISOString();
      byTick.set(tick, [...(byTick.get(tick) ?? []), row]);
    }
    expect(byTick.size).toBeGreaterThanOrEqual(4);
    for (const [tick, chain] of byTick) {
      // Exactly one job per step for each tick, however many schedulers fired it.
      expect({ tick, types: chain.map((r) => r.type) }).toEqual({
        tick,
        types: ['data_import', 'sql_transform'],
      });
      const [load, stats] = chain;
      expect(load.depends_on).toBeNull();
      expect(stats.depends_on).toEqual([load.id]);
      expect((stats.started_at as Date).getTime()).toBeGreaterThanOrEqual(
        (load.finished_at as Date).getTime(),
      );
    }
    // The first run wrote both days; later runs found nothing changed.
    expect(all.find((r) => r.type === 'sql_transform')?.result).toEqual({
      transform: 'daily_stats',
      rows: 2,
    });
    expect(await platform.database.query('SELECT count(*)::int AS days FROM daily_stats')).toEqual([
      { days: 2 },
    ]);
  });

  it('shows the steps and the last run in GET /schedules', async () => {
    const listed = (await platform.get('/schedules')).body.find(
      (s: { name: string }) => s.name === 'etl_every_second',
    );
    expect(
      listed.steps.map((step: { name: string; type: string }) => [step.name, step.type]),
    ).toEqual([
      ['load', 'data_import'],
      ['stats', 'sql_transform'],
    ]);
    const [load, stats] = (await jobs()).slice(-2);
    expect(listed.last_run).toEqual({
      scheduled_for: load.scheduled_for.toISOString(),
      jobs: [
        {
          step: 'load',
          id: load.id,
          type: 'data_import',
          status: 'completed',
          status_url: `/job-status/${load.id}`,
        },
        {
          step: 'stats',
          id: stats.id,
          type: 'sql_transform',
          status: 'completed',
          status_url: `/job-status/${stats.id}`,
        },
      ],
    });
  });
});
