import type { BenchPlatformOptions } from '../bench-platform';
import { WORKER_CONCURRENCY } from '../load-levels';
import { singleCreatePlan } from '../load/api-loads';
import type { LoadShape } from '../load/load-shape';
import { runHttpLoad } from '../load/run-http-load';
import type { BenchContext, Measure } from '../measure';
import type { Figures } from '../median-of-runs';
import { pickUpLatenciesMs, waitForAllFinished } from '../platform-jobs';
import { percentile } from '../statistics';

type Latencies = Figures<'p50' | 'p99'>;

const latencies = (values: readonly number[]): Latencies => ({
  p50: percentile(values, 50),
  p99: percentile(values, 99),
});

/** The platform's own ceilings for pick-up latency, in ms, whichever backend holds its queues. */
export const PICK_UP_TARGETS = { p50: { atMost: 2 }, p99: { atMost: 10 } } as const;

/** Jobs created at a steady rate for a while, after one untimed second at that rate. */
function pacedShape(context: BenchContext): { shape: LoadShape; warmUpCalls: number } {
  const { pickUpRate, pickUpMs } = context.settings;
  return {
    shape: { until: { durationMs: pickUpMs }, inFlight: 1, callsPerSecond: pickUpRate },
    warmUpCalls: pickUpRate,
  };
}

/**
 * Created → started with an idle API and worker, jobs created over HTTP at a steady rate:
 * created_at (the INSERT's now()) to started_at (the start's now()), one clock: Postgres's.
 * @param options the platform's, e.g. its queue backend
 */
export const platformPickUp = (context: BenchContext, options?: BenchPlatformOptions) =>
  context.onPlatform(
    'pickup',
    async (platform): Promise<Latencies> => {
      await platform.start('api');
      await platform.start('worker', { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
      const { shape, warmUpCalls } = pacedShape(context);
      const plan = singleCreatePlan(platform.apiPort(), '/create-jobs', shape, warmUpCalls);
      const load = await runHttpLoad(plan);
      await waitForAllFinished(platform.database);
      return latencies(await pickUpLatenciesMs(platform.database, load.startedAt));
    },
    options,
  );

/**
 * The same with raw BullMQ: job.timestamp (taken by the producer as it adds the job) to
 * the processor's call in the Worker; both Date.now() on this machine, one clock, in ms.
 */
const rawPickUp = (context: BenchContext) =>
  context.onRawBullmq(async (raw) => {
    await raw.startWorker();
    const { shape, warmUpCalls } = pacedShape(context);
    const load = await raw.produce({
      mode: 'add',
      shape,
      warmUp: { until: { calls: warmUpCalls } },
    });
    const { addedAt, startedAt } = await raw.completed(warmUpCalls + load.jobs);
    const timed = addedAt.map((added, i) => [added, startedAt[i] - added]);
    return latencies(timed.filter(([added]) => added >= load.startedAt).map(([, ms]) => ms));
  });

export const pickUpLatency: Measure = {
  names: ['pickup'],
  async run(context) {
    const { pickUpRate, pickUpMs } = context.settings;
    const figures = await context.repeat(
      `pick-up: ${pickUpRate} jobs/s, ${pickUpMs} ms`,
      async () => {
        const platform = await platformPickUp(context);
        const raw = await rawPickUp(context);
        return {
          platform50: platform.p50,
          platform99: platform.p99,
          raw50: raw.p50,
          raw99: raw.p99,
        };
      },
    );
    const ms = (value: number | null) => ({ value, unit: 'ms', digits: 2 });
    const at = `${pickUpRate} jobs/s`;
    return [
      {
        measure: `pick-up latency p50, created → started, ${at}`,
        platform: ms(figures.platform50),
        anchor: ms(figures.raw50),
        target: PICK_UP_TARGETS.p50,
      },
      {
        measure: `pick-up latency p99, created → started, ${at}`,
        platform: ms(figures.platform99),
        anchor: ms(figures.raw99),
        target: PICK_UP_TARGETS.p99,
      },
    ];
  },
};
