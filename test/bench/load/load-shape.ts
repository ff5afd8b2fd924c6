import { setTimeout as sleep } from 'node:timers/promises';

/** How a load generator sends: how many calls, for how long, and how fast. */
export interface LoadShape {
  /** Stop after this many calls, or after this many ms. */
  until: { calls: number } | { durationMs: number };
  /** Closed loop: this many calls in flight, each sent when one is answered. */
  inFlight: number;
  /** Open loop instead: calls started at this steady rate, answered or not. */
  callsPerSecond?: number;
}

/** What a run of calls achieved, timed from the first call sent to the last one answered. */
export interface LoadResult {
  /** Epoch ms of the first call and of the last answer. */
  startedAt: number;
  endedAt: number;
  calls: number;
  /** Jobs the answered calls stand for (a bulk call stands for many). */
  jobs: number;
  failures: number;
  firstFailure: string | null;
}

/** Jobs per second over the timed span. */
export const jobsPerSecond = (result: LoadResult) =>
  result.jobs / ((result.endedAt - result.startedAt) / 1000);

/** Warns on stderr when calls failed: a figure from that run counts only the others. */
export function warnOfFailures(what: string, result: LoadResult): LoadResult {
  if (result.failures > 0) {
    console.error(
      `warning: ${result.failures} of ${result.calls} calls of ${what} failed; ` +
        `the first: ${result.firstFailure}`,
    );
  }
  return result;
}

/** One call: resolves to the number of jobs it created (or read), rejects when it failed. */
export type Call = (index: number) => Promise<number>;

/** Makes calls as `shape` says and counts what they did. */
export async function runLoad(shape: LoadShape, call: Call): Promise<LoadResult> {
  const result: LoadResult = {
    startedAt: Date.now(),
    endedAt: 0,
    calls: 0,
    jobs: 0,
    failures: 0,
    firstFailure: null,
  };
  const deadline = 'durationMs' in shape.until ? result.startedAt + shape.until.durationMs : null;
  const maxCalls = 'calls' in shape.until ? shape.until.calls : Number.POSITIVE_INFINITY;
  const more = () => result.calls < maxCalls && (deadline === null || Date.now() < deadline);
  const counted = async () => {
    const index = result.calls++;
    try {
      // Not `result.jobs += await …`: that reads result.jobs before the await, and calls
      // answered meanwhile would be lost.
      const jobs = await call(index);
      result.jobs += jobs;
    } catch (error) {
      result.failures += 1;
      result.firstFailure ??= error instanceof Error ? error.message : String(error);
    }
  };
  if (shape.callsPerSecond === undefined) {
    await Promise.all(Array.from({ length: shape.inFlight }, () => loop(more, counted)));
  } else {
    await paced(shape.callsPerSecond, result.startedAt, more, counted);
  }
  result.endedAt = Date.now();
  return result;
}

async function loop(more: () => boolean, counted: () => Promise<void>): Promise<void> {
  while (more()) {
    await counted();
  }
}

// Open loop: each call starts on its own schedule, so a slow answer cannot hold back the
// next call (which would hide exactly the waiting a latency measure is after).
async function paced(
  callsPerSecond: number,
  startedAt: number,
  more: () => boolean,
  counted: () => Promise<void>,
): Promise<void> {
  const inFlight: Promise<void>[] = [];
  for (let sent = 0; more(); sent++) {
    const due = startedAt + (sent * 1000) / callsPerSecond;
    if (due > Date.now()) {
      await sleep(due - Date.now());
    }
    inFlight.push(counted());
  }
  await Promise.all(inFlight);
}
