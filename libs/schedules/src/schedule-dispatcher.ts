import { JobDispatcher } from '@lib/dispatch';
import type { DispatchResult } from '@lib/dispatch';
import { Injectable } from '@nestjs/common';
import type { Schedule } from './schedule';

/** Enqueues a schedule's jobs through the same path as POST /create-jobs. */
@Injectable()
export class ScheduleDispatcher {
  constructor(private readonly dispatcher: JobDispatcher) {}

  /**
   * The job of one tick. The tick's identity is its idempotency key, so however many
   * schedulers fire it (replicas, a catch-up run), it becomes one job.
   */
  forTick(schedule: Schedule, tick: Date): Promise<DispatchResult> {
    return this.dispatch(
      schedule,
      tick,
      `schedule:${schedule.name}:${schedule.timetable.tickKey(tick)}`,
    );
  }

  /** A run asked for by hand, outside the timetable: always a new job. */
  now(schedule: Schedule): Promise<DispatchResult> {
    return this.dispatch(schedule, new Date(), undefined);
  }

  private dispatch(
    schedule: Schedule,
    tick: Date,
    idempotencyKey: string | undefined,
  ): Promise<DispatchResult> {
    return this.dispatcher.dispatch({
      type: schedule.type,
      payload: schedule.payload,
      queue: schedule.queue ?? undefined,
      idempotencyKey,
      origin: { schedule: schedule.name, tick },
    });
  }
}
