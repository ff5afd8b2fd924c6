import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, TestPlatform } from '@lib/testing';

const warningsIn = (app: AppProcess) =>
  app
    .logs()
    .split('\n')
    .filter((line) => line.includes('Built-in schedule'))
    .map((line) => JSON.parse(line) as { level: number; msg: string });

describe('built-in schedules the settings refuse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'built-in-schedules-'));
  // Leaves out public.daily_imports, which the nightly ETL's first step loads.
  const platform = new TestPlatform('built-in-schedules', {
    IMPORT_ALLOWED_TABLES: 'public.other_imports',
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are switched off with one warning line, and the API and the scheduler start', async () => {
    const api = await platform.start('api');
    const scheduler = await platform.start('scheduler');
    const expected =
      'Built-in schedule "nightly_data_import" is switched off: step "load_daily_imports": ' +
      'Table public.daily_imports is not allowed. Allowed tables: public.other_imports ' +
      '(set IMPORT_ALLOWED_TABLES).';
    for (const app of [api, scheduler]) {
      const warnings = warningsIn(app);
      expect(warnings).toHaveLength(1);
      expect(warnings[0].msg).toContain(expected);
      expect(warnings[0].level).toBe(40);
    }
    const listed = (await platform.get('/schedules')).body.find(
      (s: { name: string }) => s.name === 'nightly_data_import',
    );
    expect(listed).toMatchObject({ enabled: false, next_run_at: null });
  });

  it('still stop start-up when SCHEDULES_FILE names them', async () => {
    const file = join(dir, 'schedules.json');
    writeFileSync(file, JSON.stringify([{ name: 'nightly_data_import', cron: '0 3 * * *' }]));
    for (const app of ['api', 'scheduler'] as const) {
      const process = new AppProcess(
        app,
        platform.envFor({ SCHEDULES_FILE: file, PORT: '1', HEALTH_PORT: '1' }),
      );
      expect((await process.exited).code).toBe(1);
      const lines = process.logs().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).msg).toContain(
        'Invalid schedule "nightly_data_import": step "load_daily_imports": Table public.daily_imports is not allowed.',
      );
    }
  });
});
