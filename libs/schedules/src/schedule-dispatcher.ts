import { JobDispatcher } from '@lib/dispatch';
import type { DispatchRequest, DispatchResult } from '@lib/dispatch';
import { Injectable } from '@nestjs/common';
import type { Schedule } from './schedule';

/** Enqueues a schedule's jobs through the same path as POST /create-jobs. */
@Injectable()
export class ScheduleDispatcher {
  constructor(private readonly dispatcher: JobDispatcher) {}

  /**
   * The jobs of one tick, one per step. The tick's identity is the first step's
   * idempotency key, so however many schedulers fire it (replicas, a catch-up run), it
   * becomes one job, or one chain.
   */
  forTick(schedule: Schedule, tick: Date): Promise<DispatchResult[]> {
    return this.dispatch(
      schedule,
      tick,
      `schedule:${schedule.name}:${schedule.timetable.tickKey(tick)}`,
    );
  }

  /** A run asked for by hand, outside the timetable: always new jobs. */
  now(schedule: Schedule): Promise<DispatchResult[]> {
    return this.dispatch(schedule, new Date(), undefined);
  }

  private async dispatch(
    schedule: Schedule,
    tick: Date,
    idempotencyKey: string | undefined,
  ): Promise<DispatchResult[]> {
    // Every job of the run shares schedule_name and scheduled_for: that is how a run is found.
    const requests: DispatchRequest[] = schedule.steps.map((step, i) => ({
      type: step.type,
      payload: step.payload,
      queue: step.queue ?? undefined,
      idempotencyKey: i === 0 ? idempotencyKey : undefined,
      origin: { schedule: schedule.name, tick },
    }));
    return schedule.chain
      ? this.dispatcher.dispatchChain(requests)
      : [await this.dispatcher.dispatch(requests[0])];
  }
}
