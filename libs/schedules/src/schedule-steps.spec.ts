import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '@lib/config';
import {
  BUILT_IN_SCHEDULES,
  DataImportJob,
  JobRegistry,
  SleepJob,
  SqlTransformJob,
  TransformCatalogue,
  TruncateTableJob,
} from '@lib/jobs';
import type { ScheduleDefinition } from '@lib/jobs';
import { OutboundFetcher } from '@lib/outbound';
import { DataSource } from 'typeorm';
import { loadSchedules } from './load-schedules';

// Never connected: checking payloads touches no database.
const database = new DataSource({ type: 'postgres' });

function registryWith(env: Record<string, string>): JobRegistry {
  const config = loadPlatformConfig(env);
  return new JobRegistry([
    new SleepJob(),
    new TruncateTableJob(config, database),
    new DataImportJob(config, database, new OutboundFetcher(config.outbound)),
    new SqlTransformJob(TransformCatalogue.read(config.jobs.transformDir), database),
  ]);
}

const NAP_THEN_EMPTY: ScheduleDefinition = {
  name: 'nap_then_empty',
  cron: '0 3 * * *',
  steps: [
    { name: 'nap', type: 'sleep', payload: { ms: 1 } },
    { name: 'empty', type: 'truncate_table', payload: { table: 'daily_stats' }, queue: 'low' },
  ],
};

describe('schedules of steps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schedule-steps-'));
  let files = 0;
  let warnings: string[] = [];
  beforeEach(() => (warnings = []));

  const load = (builtIn: ScheduleDefinition[], entries?: unknown[], env = {}) => {
    let file: string | null = null;
    if (entries !== undefined) {
      file = join(dir, `schedules-${(files += 1)}.json`);
      writeFileSync(file, JSON.stringify(entries));
    }
    return loadSchedules({ builtIn, file, timezone: 'UTC' }, registryWith(env), (line) =>
      warnings.push(line),
    );
  };

  it('runs the built-in schedules with the default settings, the nightly ETL as a chain', async () => {
    const schedules = await load([...BUILT_IN_SCHEDULES]);
    expect(warnings).toEqual([]);
    const etl = schedules.find((s) => s.name === 'nightly_data_import');
    expect(etl).toMatchObject({ chain: true, enabled: true, cron: '0 1 * * 1-5' });
    expect(etl?.steps.map((step) => [step.name, step.type, step.queue])).toEqual([
      ['load_daily_imports', 'data_import', 'etl'],
      ['compute_daily_stats', 'sql_transform', 'etl'],
    ]);
    expect(etl?.steps[1].payload).toEqual({ transform: 'daily_stats' });
  });

  it('checks each step and applies its payload defaults', async () => {
    const [schedule] = await load([NAP_THEN_EMPTY]);
    expect(schedule.steps).toEqual([
      { name: 'nap', type: 'sleep', payload: { ms: 1 }, queue: null },
      {
        name: 'empty',
        type: 'truncate_table',
        payload: { schema: 'public', table: 'daily_stats' },
        queue: 'low',
      },
    ]);
  });

  it('lets a file entry replace a built-in chain by one job, and a job by a chain', async () => {
    const schedules = await load(
      [NAP_THEN_EMPTY, { name: 'nap', cron: '0 4 * * *', type: 'sleep', payload: { ms: 2 } }],
      [
        { name: 'nap_then_empty', type: 'sleep', payload: { ms: 3 } },
        { name: 'nap', steps: [{ name: 'only', type: 'sleep', payload: { ms: 4 } }] },
      ],
    );
    expect(schedules.map((s) => [s.name, s.chain, s.steps.map((step) => step.name)])).toEqual([
      ['nap_then_empty', false, ['sleep']],
      ['nap', true, ['only']],
    ]);
  });

  it('switches off a built-in schedule the settings refuse, with one warning line', async () => {
    const schedules = await load([NAP_THEN_EMPTY], undefined, {
      TRUNCATE_ALLOWED_TABLES: 'public.users',
    });
    expect(schedules[0].enabled).toBe(false);
    expect(warnings).toEqual([
      'Built-in schedule "nap_then_empty" is switched off: step "empty": Table public.daily_stats ' +
        'is not allowed. Allowed tables: public.users (set TRUNCATE_ALLOWED_TABLES). Change the ' +
        'setting, or set the schedule in SCHEDULES_FILE (with "enabled": false to keep it off quietly).',
    ]);
  });

  it('stops start-up when the file names that schedule, even only to change its cron', async () => {
    await expect(
      load([NAP_THEN_EMPTY], [{ name: 'nap_then_empty', cron: '0 5 * * *' }], {
        TRUNCATE_ALLOWED_TABLES: 'public.users',
      }),
    ).rejects.toThrow(
      'Invalid schedule "nap_then_empty": step "empty": Table public.daily_stats is not allowed.',
    );
    expect(warnings).toEqual([]);
  });

  const step = { name: 'nap', type: 'sleep', payload: { ms: 1 } };
  it.each([
    [{ steps: [] }, 'steps must list at least one step.'],
    [{ steps: [step, step] }, 'step name "nap" is used twice; give each step a name of its own.'],
    [
      { steps: [step], type: 'sleep' },
      'give either steps or type (with payload and queue), not both.',
    ],
    [
      { steps: [step], payload: { ms: 1 } },
      'give either steps or type (with payload and queue), not both.',
    ],
    [{ steps: [{ ...step, type: 'nap' }] }, 'step "nap": Unknown job type "nap".'],
    [{ steps: [{ ...step, payload: { ms: -1 } }] }, 'step "nap": payload.ms must be an integer'],
    [{ steps: [{ ...step, queue: 'urgent' }] }, 'step "nap": queue "urgent" is not a queue.'],
    [{ steps: 'nap' }, 'steps must be an array of {name, type, payload?, queue?}.'],
    [{ steps: [{ ...step, name: 'Nap' }] }, 'steps[0].name must be 1 to 64 lowercase letters'],
    [{ steps: [step, { name: 'two' }] }, 'steps[1].type must be a string naming a job type.'],
    [
      { steps: [{ ...step, when: 'later' }] },
      'steps[0].when is not a step field (name, type, payload, queue).',
    ],
  ])('stops start-up on a file schedule with %j, naming the problem', async (fields, message) => {
    await expect(load([], [{ name: 'pipeline', cron: '* * * * * *', ...fields }])).rejects.toThrow(
      message,
    );
  });
});
