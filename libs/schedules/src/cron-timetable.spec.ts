import { CronTimetable } from './cron-timetable';

describe('CronTimetable', () => {
  afterEach(() => jest.useRealTimers());

  const ticksFrom = (now: string, timetable: CronTimetable, count: number) => {
    jest.useFakeTimers({ now: new Date(now) });
    return timetable.nextTicks(count).map((tick) => tick.toISOString());
  };

  it('reads the fields in the schedule timezone', () => {
    const timetable = new CronTimetable('0 1 * * 1-5', 'America/New_York');
    // Friday 2026-11-20 then Monday 2026-11-23, 01:00 EST = 06:00 UTC.
    expect(ticksFrom('2026-11-20T00:00:00Z', timetable, 2)).toEqual([
      '2026-11-20T06:00:00.000Z',
      '2026-11-23T06:00:00.000Z',
    ]);
  });

  describe('daylight saving time (Europe/Berlin, daily at 02:30)', () => {
    const timetable = new CronTimetable('30 2 * * *', 'Europe/Berlin');

    it('skips a tick whose time the clock jumps over (29 March 2026, 02:00 → 03:00)', () => {
      expect(ticksFrom('2026-03-28T12:00:00Z', timetable, 2)).toEqual([
        '2026-03-30T00:30:00.000Z',
        '2026-03-31T00:30:00.000Z',
      ]);
      expect(
        timetable.latestTickWithin(new Date('2026-03-29T12:00:00Z'), 12 * 3_600_000),
      ).toBeNull();
    });

    it('ticks once when the clock passes the time twice (25 October 2026, 03:00 → 02:00)', () => {
      expect(ticksFrom('2026-10-24T12:00:00Z', timetable, 2)).toEqual([
        '2026-10-25T01:30:00.000Z',
        '2026-10-26T01:30:00.000Z',
      ]);
      // Both passes through 02:30 are the same tick, so a catch-up run between them
      // and the run at the second pass are one job.
      const first = new Date('2026-10-25T00:30:00Z');
      const second = new Date('2026-10-25T01:30:00Z');
      expect(timetable.latestTickWithin(new Date('2026-10-25T01:00:00Z'), 3_600_000)).toEqual(
        first,
      );
      expect(timetable.tickKey(first)).toBe('2026-10-25T02:30:00');
      expect(timetable.tickKey(second)).toBe('2026-10-25T02:30:00');
    });
  });

  it('finds the latest tick within a window, to the second for six-field expressions', () => {
    const everyFiveMinutes = new CronTimetable('*/5 * * * *', 'UTC');
    const now = new Date('2026-11-22T10:17:42Z');
    expect(everyFiveMinutes.latestTickWithin(now, 3_600_000)).toEqual(
      new Date('2026-11-22T10:15:00Z'),
    );
    expect(everyFiveMinutes.latestTickWithin(now, 60_000)).toBeNull();
    const everyTenSeconds = new CronTimetable('*/10 * * * * *', 'UTC');
    expect(everyTenSeconds.latestTickWithin(now, 60_000)).toEqual(new Date('2026-11-22T10:17:40Z'));
  });
});
