import { PlatformConfig } from '@lib/config';
import { ScheduleBook, ScheduleDispatcher } from '@lib/schedules';
import type { Schedule } from '@lib/schedules';
import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { schedule as scheduleTask, setLogger } from 'node-cron';
import type { ScheduledTask } from 'node-cron';

/**
 * Runs every enabled schedule with node-cron. Each tick becomes one job, or one chain,
 * however many schedulers fire it (the tick is the first job's idempotency key); at
 * start-up, a tick missed within SCHEDULER_CATCHUP_MS is enqueued once, never once per
 * missed tick.
 */
@Injectable()
export class CronTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('scheduler');
  private readonly tasks: ScheduledTask[] = [];

  constructor(
    private readonly book: ScheduleBook,
    private readonly dispatcher: ScheduleDispatcher,
    private readonly config: PlatformConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // node-cron would otherwise print its own unstructured lines to stderr.
    setLogger({
      info: (message) => this.logger.log(message),
      warn: (message) => this.logger.warn(message),
      error: (message) => this.logger.error(String(message)),
      debug: (message) => this.logger.debug(String(message)),
    });
    for (const schedule of this.book.all().filter((s) => s.enabled)) {
      await this.catchUp(schedule);
      this.tasks.push(
        scheduleTask(schedule.cron, ({ date }) => this.enqueue(schedule, date, 'tick'), {
          name: schedule.name,
          timezone: schedule.timezone,
        }),
      );
      this.logger.log(
        `Schedule ${schedule.name}: "${schedule.cron}" (${schedule.timezone}), ` +
          `next run ${schedule.timetable.nextTick()?.toISOString() ?? 'never'}.`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const task of this.tasks) {
      await task.destroy();
    }
  }

  private async catchUp(schedule: Schedule): Promise<void> {
    const windowMs = this.config.scheduler.catchupMs;
    const missed = windowMs > 0 && schedule.timetable.latestTickWithin(new Date(), windowMs);
    if (missed) {
      await this.enqueue(schedule, missed, 'catch-up');
    }
  }

  private async enqueue(schedule: Schedule, tick: Date, why: 'tick' | 'catch-up'): Promise<void> {
    const at = tick.toISOString();
    try {
      const results = await this.dispatcher.forTick(schedule, tick);
      const jobs = `${results.length === 1 ? 'job' : 'jobs'} ${results.map((r) => r.jobId).join(', ')}`;
      // A chain is created whole or found whole: its first job says which.
      if (results[0].created) {
        this.logger.log(`Schedule ${schedule.name} enqueued ${jobs} for its ${at} ${why}.`);
      } else {
        this.logger.debug(`Schedule ${schedule.name}'s ${at} tick is already ${jobs}.`);
      }
    } catch (error) {
      this.logger.error(
        `Schedule ${schedule.name} could not enqueue its ${at} ${why}: ${(error as Error).message}`,
      );
    }
  }
}
