export interface PollDelayOptions {
  /** First wait, in ms. */
  initialMs: number;
  /** No wait is longer, in ms. */
  maxMs: number;
}

/**
 * Waits between status polls: doubling from `initialMs` up to `maxMs`, each drawn at
 * random between half and all of that ("equal jitter"), so that many clients polling the
 * same API spread out instead of arriving together.
 */
export function* pollDelays({ initialMs, maxMs }: PollDelayOptions): Generator<number> {
  for (let ceiling = initialMs; ; ceiling = Math.min(ceiling * 2, maxMs)) {
    yield Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}
