import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, TestPlatform, eachQueueBackend, waitFor } from '@lib/testing';

const BUILT_INS_OFF = [
  { name: 'nightly_data_import', enabled: false },
  { name: 'nightly_data_update', enabled: false },
];

eachQueueBackend('the scheduler, queues in $backend', ({ env }) => {
  const dir = mkdtempSync(join(tmpdir(), 'schedules-'));
  const platform = new TestPlatform('scheduler', env);
  let files = 0;

  /** Writes a SCHEDULES_FILE holding `entries` and returns its path. */
  const schedulesFile = (entries: unknown[]): string => {
    const file = join(dir, `schedules-${(files += 1)}.json`);
    writeFileSync(file, JSON.stringify(entries));
    return file;
  };
  const jobsOf = (schedule: string) =>
    platform.database.query<{ id: string; scheduled_for: Date; dispatched_at: Date | null }>(
      'SELECT id, scheduled_for, dispatched_at FROM job_statuses WHERE schedule_name = $1 ORDER BY scheduled_for',
      [schedule],
    );

  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enqueues exactly one job per tick with two schedulers running', async () => {
    const file = schedulesFile([
      ...BUILT_INS_OFF,
      {
        name: 'every_second',
        cron: '* * * * * *',
        type: 'sleep',
        payload: { ms: 0 },
        queue: 'low',
      },
    ]);
    // Debug: the scheduler that finds a tick's job already there says so at debug level.
    const env = { SCHEDULES_FILE: file, SCHEDULER_CATCHUP_MS: '0', LOG_LEVEL: 'debug' };
    const [one, two] = await Promise.all([
      platform.start('scheduler', env),
      platform.start('scheduler', env),
    ]);
    // From here on both have their cron tasks running: each of these ticks is fired twice.
    const bothReady = new Date();
    await waitFor(
      'five ticks after both schedulers were ready',
      () => jobsOf('every_second'),
      (jobs) => jobs.filter((job) => job.scheduled_for > bothReady).length >= 5,
      { timeoutMs: 15_000 },
    );
    const stopping = Date.now();
    await Promise.all([one.stop('SIGTERM'), two.stop('SIGTERM')]);

    const jobs = await jobsOf('every_second');
    const ticks = jobs.map((job) => job.scheduled_for.toISOString());
    expect(new Set(ticks).size).toBe(ticks.length);
    // Consecutive seconds: no tick was lost between the two of them.
    const seconds = jobs.map((job) => job.scheduled_for.getTime() / 1000);
    expect(seconds).toEqual(seconds.map((_, i) => seconds[0] + i));
    // The same path as POST /create-jobs: recorded, then handed to Redis.
    expect(jobs.every((job) => job.dispatched_at !== null)).toBe(true);
    expect(await platform.holdsQueuedCopy('low', jobs[0].id)).toBe(true);
    // Every tick both fired (a second's margin before the stop for the slower one): one
    // scheduler created the tick's job, the other found that same job already there.
    const firedByBoth = jobs.filter(
      (job) => job.scheduled_for > bothReady && job.scheduled_for.getTime() < stopping - 1000,
    );
    expect(firedByBoth.length).toBeGreaterThanOrEqual(3);
    for (const job of firedByBoth) {
      const at = job.scheduled_for.toISOString();
      const roles = [one, two].map((scheduler) => {
        const logs = scheduler.logs();
        const created = logs.includes(`every_second enqueued job ${job.id} for its ${at} tick.`);
        const found = logs.includes(`every_second's ${at} tick is already job ${job.id}.`);
        return `${created ? 'created' : ''}${found ? 'found' : ''}`;
      });
      expect({ tick: at, roles: roles.sort() }).toEqual({ tick: at, roles: ['created', 'found'] });
    }
  });

  it('catches up once on a tick missed while it was down, never once per missed tick', async () => {
    const file = schedulesFile([
      ...BUILT_INS_OFF,
      { name: 'every_five_minutes', cron: '*/5 * * * *', type: 'sleep', payload: { ms: 0 } },
    ]);
    const startedAt = new Date();
    const lastTick = new Date(Math.floor(startedAt.getTime() / 300_000) * 300_000);
    // An hour of catch-up window spans twelve missed ticks.
    const first = await platform.start('scheduler', { SCHEDULES_FILE: file });
    await first.stop('SIGTERM');
    const again = await platform.start('scheduler', { SCHEDULES_FILE: file });
    await again.stop('SIGTERM');

    const caughtUp = (await jobsOf('every_five_minutes')).filter(
      (job) => job.scheduled_for <= startedAt,
    );
    expect(caughtUp.map((job) => job.scheduled_for)).toEqual([lastTick]);
    expect(first.logs()).toContain('catch-up');
  });

  it('does not catch up with SCHEDULER_CATCHUP_MS=0', async () => {
    const file = schedulesFile([
      ...BUILT_INS_OFF,
      { name: 'no_catch_up', cron: '*/5 * * * *', type: 'sleep', payload: { ms: 0 } },
    ]);
    const startedAt = new Date();
    const scheduler = await platform.start('scheduler', {
      SCHEDULES_FILE: file,
      SCHEDULER_CATCHUP_MS: '0',
    });
    await scheduler.stop('SIGTERM');
    const jobs = (await jobsOf('no_catch_up')).filter((job) => job.scheduled_for <= startedAt);
    expect(jobs).toEqual([]);
  });

  it('stops on SIGTERM with status 0', async () => {
    const scheduler = await platform.start('scheduler', {
      SCHEDULES_FILE: schedulesFile(BUILT_INS_OFF),
    });
    expect(await scheduler.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it.each([
    [
      { name: 'hourly', cron: '0-30000000 * * * *', type: 'sleep', payload: { ms: 0 } },
      'Invalid schedule "hourly": cron "0-30000000 * * * *" minute 30000000 is outside 0-59.',
    ],
    [
      { name: 'nightly_data_update', timezone: 'Mars/Olympus' },
      'Invalid schedule "nightly_data_update": timezone "Mars/Olympus" is not an IANA timezone',
    ],
    [
      { name: 'nightly_data_update', enabled: true, payload: { table: 'users' } },
      'Invalid schedule "nightly_data_update": Table public.users is not allowed.',
    ],
    [
      { name: 'mystery', cron: '0 0 * * *', type: 'send_email' },
      'Invalid schedule "mystery": Unknown job type "send_email"',
    ],
  ])('refuses to start with %j, saying why in one line', async (entry, message) => {
    const scheduler = new AppProcess(
      'scheduler',
      platform.envFor({ SCHEDULES_FILE: schedulesFile([entry]), HEALTH_PORT: '1' }),
    );
    expect((await scheduler.exited).code).toBe(1);
    const lines = scheduler.logs().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).msg).toContain(message);
  });
});
