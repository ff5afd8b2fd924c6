import { createTask } from 'node-cron';
import type { ScheduledTask } from 'node-cron';

/**
 * When a schedule's ticks fall, computed by node-cron itself so that it agrees with the
 * running task. Ticks are wall-clock times in the schedule's timezone: a time that a
 * daylight-saving jump skips does not tick that day, and a time that the clock passes
 * twice ticks once (node-cron fires at its second occurrence; both have one tick key).
 */
export class CronTimetable {
  // A stopped task: only its matcher is used.
  private readonly task: ScheduledTask;
  private readonly resolutionMs: number;
  private readonly wallClock: Intl.DateTimeFormat;

  constructor(
    readonly cron: string,
    readonly timezone: string,
  ) {
    this.task = createTask(cron, () => undefined, { timezone });
    this.resolutionMs = cron.trim().split(/\s+/).length === 6 ? 1000 : 60_000;
    this.wallClock = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  nextTick(): Date | null {
    // getNextRun() answers only for a started task; getNextRuns() for any.
    return this.task.getNextRuns(1)[0] ?? null;
  }

  nextTicks(count: number): Date[] {
    return this.task.getNextRuns(count);
  }

  /** The latest tick in (now - windowMs, now], or null: what a catch-up run is for. */
  latestTickWithin(now: Date, windowMs: number): Date | null {
    const earliest = now.getTime() - windowMs;
    const last = Math.floor(now.getTime() / this.resolutionMs) * this.resolutionMs;
    for (let time = last; time > earliest; time -= this.resolutionMs) {
      if (this.task.match(new Date(time))) {
        return new Date(time);
      }
    }
    return null;
  }

  /** The tick's identity: its wall-clock time in the schedule's timezone, e.g. `2026-10-25T02:30:00`. */
  tickKey(tick: Date): string {
    const part = Object.fromEntries(
      this.wallClock.formatToParts(tick).map(({ type, value }) => [type, value]),
    );
    return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
  }
}
