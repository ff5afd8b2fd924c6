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

  it('lists every schedule with its timetable, next run and last job', async () => {
    const response = await platform.get('/schedules');
    expect(response.status).toBe(200);
    const byName = Object.fromEntries(response.body.map((s: { name: string }) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual([
      'hourly_nap',
      'nightly_data_import',
      'nightly_data_update',
    ]);
    expect(byName.nightly_data_import).toMatchObject({
      cron: '0 1 * * 1-5',
      timezone: 'UTC',
      type: 'data_import',
      queue: 'etl',
      enabled: true,
      last_job: null,
    });
    const nextImport = new Date(byName.nightly_data_import.next_run_at);
    expect(nextImport.getUTCHours()).toBe(1);
    expect([1, 2, 3, 4, 5]).toContain(nextImport.getUTCDay());
    expect(byName.nightly_data_update).toMatchObject({ enabled: false, next_run_at: null });
    const nextNap = new Date(byName.hourly_nap.next_run_at);
    expect(nextNap.getUTCMinutes()).toBe(0);
    expect(nextNap.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('triggers a run now, recorded as the schedule’s last job', async () => {
    // An earlier run of this schedule and one of another: neither is its last job.
    await platform.post('/schedules/hourly_nap/trigger', {});
    await platform.post('/schedules/nightly_data_import/trigger', {});
    const response = await platform.post('/schedules/hourly_nap/trigger', {});
    expect(response.status).toBe(202);
    const id = response.body.job_id;
    expect(response.body).toEqual({
      job_id: id,
      status: 'queued',
      status_url: `/job-status/${id}`,
    });
    expect(response.headers.get('location')).toBe(`/job-status/${id}`);

    const job = (await platform.get(`/job-status/${id}`)).body;
    expect(job).toMatchObject({ type: 'sleep', payload: { ms: 5 }, schedule_name: 'hourly_nap' });
    expect(await platform.queues.keys(`default:${id}`)).toHaveLength(1);

    const listed = (await platform.get('/schedules')).body.find(
      (s: { name: string }) => s.name === 'hourly_nap',
    );
    expect(listed.last_job).toEqual({
      id,
      status: 'queued',
      scheduled_for: job.scheduled_for,
      status_url: `/job-status/${id}`,
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
