import type { QueueBackendName } from '@lib/config';
import { HTTP_CONNECTIONS, WORKER_CONCURRENCY } from '../load-levels';
import type { BenchContext, Measure } from '../measure';
import type { Figures } from '../median-of-runs';
import type { ResultRow } from '../result-row';
import { createThenDrainPass } from './create-then-drain.pass';
import { PICK_UP_TARGETS, platformPickUp } from './pick-up-latency.measure';

type BackendFigures = 'created' | 'drained' | 'p50' | 'p99';

/**
 * The platform with its queues in `backend`: single create and processing on one pass of
 * it, then pick-up latency on a fresh one, exactly as those measures run the platform.
 */
async function onBackend(
  context: BenchContext,
  backend: QueueBackendName,
): Promise<Figures<BackendFigures>> {
  const options = { queueBackend: backend };
  const pass = await context.onPlatform(
    `create-drain-${backend}`,
    (platform) => createThenDrainPass(platform, context.settings.jobs, ['create', 'processing']),
    options,
  );
  const pickUp = await platformPickUp(context, options);
  return { created: pass.created ?? null, drained: pass.drained ?? null, ...pickUp };
}

function rows(context: BenchContext, figures: Figures<string>): ResultRow[] {
  const { jobs, pickUpRate } = context.settings;
  const jobsPerSecond = (value: number | null) => ({ value, unit: 'jobs/s' });
  const ms = (value: number | null) => ({ value, unit: 'ms', digits: 2 });
  const versus = 'queues in Postgres vs in Redis';
  return [
    {
      measure: `${versus}: processing, drain ${jobs} jobs, concurrency ${WORKER_CONCURRENCY}`,
      platform: jobsPerSecond(figures.postgresDrained),
      anchor: jobsPerSecond(figures.redisDrained),
      target: { atLeastRatio: 0.5, basis: "BullMQ's docs: 1.5–2× fewer jobs/s" },
    },
    {
      measure: `${versus}: single create over HTTP, ${HTTP_CONNECTIONS} connections`,
      platform: jobsPerSecond(figures.postgresCreated),
      anchor: jobsPerSecond(figures.redisCreated),
      target: { atLeastRatio: 0.4, basis: "BullMQ's docs: concurrent add() 0.4×" },
    },
    {
      measure: `${versus}: pick-up latency p50, ${pickUpRate} jobs/s`,
      platform: ms(figures.postgresP50),
      anchor: ms(figures.redisP50),
      target: PICK_UP_TARGETS.p50,
    },
    {
      measure: `${versus}: pick-up latency p99, ${pickUpRate} jobs/s`,
      platform: ms(figures.postgresP99),
      anchor: ms(figures.redisP99),
      target: PICK_UP_TARGETS.p99,
    },
  ];
}

/**
 * What QUEUE_BACKEND=postgres costs: the platform with its queues in Postgres (BullMQ's
 * Postgres backend, no Redis) against the same platform with its queues in Redis, in the
 * same run, on the same load. Both write their job statuses to the same shared Postgres.
 */
export const queueBackends: Measure = {
  names: ['backends'],
  async run(context) {
    const { jobs, pickUpRate } = context.settings;
    const what = `backends: ${jobs} jobs, pick-up at ${pickUpRate} jobs/s`;
    const figures = await context.repeat(what, async () => {
      const postgres = await onBackend(context, 'postgres');
      const redis = await onBackend(context, 'redis');
      return {
        postgresCreated: postgres.created,
        postgresDrained: postgres.drained,
        postgresP50: postgres.p50,
        postgresP99: postgres.p99,
        redisCreated: redis.created,
        redisDrained: redis.drained,
        redisP50: redis.p50,
        redisP99: redis.p99,
      };
    });
    return rows(context, figures);
  },
};
