import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobRegistry, SleepJob } from '@lib/jobs';
import type { ScheduleDefinition } from '@lib/jobs';
import { loadSchedules } from './load-schedules';

const BUILT_IN: ScheduleDefinition[] = [
  { name: 'nightly_nap', cron: '0 2 * * *', type: 'sleep', payload: { ms: 10 }, queue: 'low' },
];

describe('loadSchedules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schedules-'));
  const registry = new JobRegistry([new SleepJob()]);
  let files = 0;
  let warnings: string[] = [];
  beforeEach(() => (warnings = []));

  const load = (entries?: unknown) => {
    let file: string | null = null;
    if (entries !== undefined) {
      file = join(dir, `schedules-${(files += 1)}.json`);
      writeFileSync(file, typeof entries === 'string' ? entries : JSON.stringify(entries));
    }
    return loadSchedules({ builtIn: BUILT_IN, file, timezone: 'Europe/Paris' }, registry, (line) =>
      warnings.push(line),
    );
  };

  it('runs the built-in schedules in SCHEDULER_TIMEZONE when there is no file', async () => {
    const [nap] = await load();
    expect(nap).toMatchObject({
      name: 'nightly_nap',
      cron: '0 2 * * *',
      timezone: 'Europe/Paris',
      steps: [{ name: 'sleep', type: 'sleep', payload: { ms: 10 }, queue: 'low' }],
      chain: false,
      enabled: true,
    });
  });

  it('lets the file override a built-in schedule by name and add new ones', async () => {
    const schedules = await load([
      { name: 'nightly_nap', cron: '30 3 * * *', timezone: 'UTC', payload: { ms: 20 } },
      { name: 'every_second', cron: '* * * * * *', type: 'sleep', payload: { ms: 0 } },
      { name: 'off', cron: '0 0 * * *', type: 'sleep', payload: { ms: -1 }, enabled: false },
    ]);
    expect(
      schedules.map((s) => [
        s.name,
        s.cron,
        s.timezone,
        s.steps[0].payload,
        s.steps[0].queue,
        s.enabled,
      ]),
    ).toEqual([
      ['nightly_nap', '30 3 * * *', 'UTC', { ms: 20 }, 'low', true],
      ['every_second', '* * * * * *', 'Europe/Paris', { ms: 0 }, null, true],
      ['off', '0 0 * * *', 'Europe/Paris', { ms: -1 }, null, false],
    ]);
  });

  it('switches a built-in schedule off', async () => {
    const [nap] = await load([{ name: 'nightly_nap', enabled: false }]);
    expect(nap.enabled).toBe(false);
  });

  it.each([
    [
      [{ name: 'nightly_nap', cron: '0-30000000 * * * *' }],
      'Invalid schedule "nightly_nap": cron "0-30000000 * * * *" minute 30000000 is outside 0-59.',
    ],
    [
      [{ name: 'bad', cron: 'soon', type: 'sleep', payload: { ms: 1 } }],
      'Invalid schedule "bad": cron "soon" has 1 fields; give 5 (minute hour day month weekday) or 6 (seconds first).',
    ],
    [
      [{ name: 'nightly_nap', timezone: 'Mars/Olympus' }],
      'Invalid schedule "nightly_nap": timezone "Mars/Olympus" is not an IANA timezone (such as "UTC" or "Europe/Paris").',
    ],
    [
      [{ name: 'mystery', cron: '0 0 * * *', type: 'mystery' }],
      'Invalid schedule "mystery": Unknown job type "mystery".',
    ],
    [
      [{ name: 'nightly_nap', payload: { ms: -5 } }],
      'Invalid schedule "nightly_nap": payload.ms must be an integer from 0 to 3600000, got -5.',
    ],
    [
      [{ name: 'nightly_nap', queue: 'urgent' }],
      'Invalid schedule "nightly_nap": queue "urgent" is not a queue.',
    ],
    [
      [{ name: 'half', cron: '0 0 * * *' }],
      'Invalid schedule "half": a new schedule needs cron and type (or steps).',
    ],
    [[{ name: 'nightly_nap', when: 'later' }], 'Invalid schedule entry 1 of'],
    ['{"name": "x"}', 'it must hold a JSON array of schedules.'],
    ['[{', 'Invalid schedule file'],
  ])('stops start-up on %j, naming the schedule and the problem', async (entries, message) => {
    await expect(load(entries)).rejects.toThrow(message);
  });
});
