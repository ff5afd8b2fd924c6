import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPlatform } from '@lib/testing';

describe('schedules over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schedules-api-'));
  const file = join(dir, 'schedules.json');
  writeFileSync(
    file,
    JSON.stringify([
      { name: 'nightly_data_update', enabled: false },
      {
        name: 'hourly_nap',
        cron: '0 * * * *',
        timezone: 'Asia/Tokyo',
        type: 'sleep',
        payload: { ms: 5 },
      },
    ]),
  );
  const platform = new TestPlatform('schedules-api', { SCHEDULES_FILE: file });

  beforeAll(() => platform.start('api'));
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every schedule with its timetable, steps, next run and last run', async () => {
    const response = await platform.get('/schedules');
    expect(response.status).toBe(200);
    const byName = Object.fromEntries(response.body.map((s: { name: string }) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual([
      'hourly_nap',
      'nightly_data_import',
      'nightly_data_update',
    ]);
    // The nightly ETL is a chain: its steps, no job type of its own.
    expect(byName.nightly_data_import).toMatchObject({
      cron: '0 1 * * 1-5',
      timezone: 'UTC',
      type: null,
      queue: null,
      payload: null,
      enabled: true,
      last_run: null,
    });
    expect(
      byName.nightly_data_import.steps.map((step: Record<string, unknown>) => [
        step.name,
        step.type,
        step.queue,
      ]),
    ).toEqual([
      ['load_daily_imports', 'data_import', 'etl'],
      ['compute_daily_stats', 'sql_transform', 'etl'],
    ]);
    expect(byName.nightly_data_import.steps[1].payload).toEqual({ transform: 'daily_stats' });
    // A schedule of one job shows it both ways.
    expect(byName.hourly_nap).toMatchObject({
      type: 'sleep',
      payload: { ms: 5 },
      steps: [{ name: 'sleep', type: 'sleep', payload: { ms: 5 }, queue: null }],
    });
    const nextImport = new Date(byName.nightly_data_import.next_run_at);
    expect(nextImport.getUTCHours()).toBe(1);
    expect([1, 2, 3, 4, 5]).toContain(nextImport.getUTCDay());
    expect(byName.nightly_data_update).toMatchObject({ enabled: false, next_run_at: null });
    const nextNap = new Date(byName.hourly_nap.next_run_at);
    expect(nextNap.getUTCMinutes()).toBe(0);
    expect(nextNap.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('triggers a run now, recorded as the schedule’s last run', async () => {
    // An earlier run of this schedule and one of another: neither is its last run.
    await platform.post('/schedules/hourly_nap/trigger', {});
    await platform.post('/schedules/nightly_data_import/trigger', {});
    const response = await platform.post('/schedules/hourly_nap/trigger', {});
    expect(response.status).toBe(202);
    const id = response.body.job_id;
    const created = { step: 'sleep', id, type: 'sleep', status_url: `/job-status/${id}` };
    expect(response.body).toEqual({
      job_id: id,
      status: 'queued',
      status_url: `/job-status/${id}`,
      jobs: [{ ...created, status: 'queued' }],
    });
    expect(response.headers.get('location')).toBe(`/job-status/${id}`);

    const job = (await platform.get(`/job-status/${id}`)).body;
    expect(job).toMatchObject({ type: 'sleep', payload: { ms: 5 }, schedule_name: 'hourly_nap' });
    expect(await platform.queues.keys(`default:${id}`)).toHaveLength(1);

    const listed = (await platform.get('/schedules')).body.find(
      (s: { name: string }) => s.name === 'hourly_nap',
    );
    expect(listed.last_run).toEqual({
      scheduled_for: job.scheduled_for,
      jobs: [{ ...created, status: 'queued' }],
    });
  });

  it('triggers the whole chain of a pipeline, each step waiting for the one before', async () => {
    const response = await platform.post('/schedules/nightly_data_import/trigger', {});
    expect(response.status).toBe(202);
    const [load, compute] = response.body.jobs;
    expect(response.body).toMatchObject({ job_id: load.id, status: 'queued' });
    expect(response.headers.get('location')).toBe(`/job-status/${load.id}`);
    expect([load, compute].map((j) => [j.step, j.type, j.status])).toEqual([
      ['load_daily_imports', 'data_import', 'queued'],
      ['compute_daily_stats', 'sql_transform', 'waiting'],
    ]);
    const rows = await platform.database.query<Record<string, unknown>>(
      'SELECT id, depends_on, schedule_name, scheduled_for FROM job_statuses WHERE id = ANY($1) ORDER BY seq',
      [[load.id, compute.id]],
    );
    expect(rows.map((row) => row.depends_on)).toEqual([null, [load.id]]);
    expect(rows[0].scheduled_for).toEqual(rows[1].scheduled_for);

    const listed = (await platform.get('/schedules')).body.find(
      (s: { name: string }) => s.name === 'nightly_data_import',
    );
    expect(listed.last_run).toEqual({
      scheduled_for: (rows[0].scheduled_for as Date).toISOString(),
      jobs: [load, compute],
    });
  });

  it('answers 404 naming the known schedules for an unknown one', async () => {
    const response = await platform.post('/schedules/weekly_report/trigger', {});
    expect(response.status).toBe(404);
    expect(response.body.message).toBe(
      'Schedule "weekly_report" does not exist. Schedules: nightly_data_import, nightly_data_update, hourly_nap.',
    );
  });
});
