import type { Schedule } from './schedule';
import { UnknownScheduleError } from './unknown-schedule.error';

/** Every schedule of this deployment, checked at start-up, by name. */
export class ScheduleBook {
  private readonly byName: Map<string, Schedule>;

  constructor(schedules: readonly Schedule[]) {
    this.byName = new Map(schedules.map((schedule) => [schedule.name, schedule]));
  }

  all(): Schedule[] {
    return [...this.byName.values()];
  }

  /** @throws UnknownScheduleError (404) */
  get(name: string): Schedule {
    const schedule = this.byName.get(name);
    if (!schedule) {
      throw new UnknownScheduleError(name, [...this.byName.keys()]);
    }
    return schedule;
  }
}
