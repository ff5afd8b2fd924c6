import type { BenchPlatform } from '../bench-platform';
import { HTTP_CONNECTIONS, WORKER_CONCURRENCY } from '../load-levels';
import { singleCreatePlan } from '../load/api-loads';
import { jobsPerSecond } from '../load/load-shape';
import type { LoadResult } from '../load/load-shape';
import { runHttpLoad } from '../load/run-http-load';
import type { BenchContext, Measure } from '../measure';
import type { Figures } from '../median-of-runs';
import { completedBetween, waitForAllFinished } from '../platform-jobs';
import { postgresTransactions } from '../postgres-counters';
import { redisCommands } from '../redis-counters';

// The first part of the load is the ramp (queues filling, JITs warming): not steady yet.
const RAMP_SHARE = 0.2;

/** The steady part of a load: from the end of its ramp to its last answer, epoch ms. */
function steadyPart(load: LoadResult): { fromMs: number; toMs: number; seconds: number } {
  const fromMs = load.startedAt + RAMP_SHARE * (load.endedAt - load.startedAt);
  return { fromMs, toMs: load.endedAt, seconds: (load.endedAt - fromMs) / 1000 };
}

interface Counters {
  statements: number;
  transactions: number;
  redis: number;
}

async function counters(context: BenchContext, platform: BenchPlatform): Promise<Counters> {
  const transactions = await postgresTransactions(platform.database);
  return {
    transactions,
    statements: platform.statementsSent(),
    redis: await redisCommands(context.redis),
  };
}

// `created` is not in the table: next to `completed` in the progress lines, it shows
// whether the workers kept up with the API.
type PlatformFigures = 'created' | 'completed' | 'statements' | 'transactions' | 'redis';

/**
 * API and worker running, the load generator creating jobs over HTTP at full speed for
 * the whole run: jobs completed per second in its steady part (by finished_at). The costs
 * per job are the counters' growth from before the load until every job it created
 * finished, divided by those jobs: the apps' background work in that time is included.
 */
const platformSteady = (context: BenchContext) =>
  context.onPlatform(
    'steady',
    async (platform): Promise<Figures<PlatformFigures>> => {
      await platform.start('api');
      await platform.start('worker', { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
      const before = await counters(context, platform);
      const until = { durationMs: context.settings.steadyMs };
      const plan = singleCreatePlan(platform.apiPort(), '/create-jobs', { until }, 0);
      const load = await runHttpLoad(plan);
      const steady = steadyPart(load);
      const completed = await completedBetween(platform.database, steady.fromMs, steady.toMs);
      await waitForAllFinished(platform.database);
      const after = await counters(context, platform);
      return {
        created: jobsPerSecond(load),
        completed: completed / steady.seconds,
        statements: (after.statements - before.statements) / load.jobs,
        transactions: (after.transactions - before.transactions) / load.jobs,
        redis: (after.redis - before.redis) / load.jobs,
      };
    },
    { countStatements: true },
  );

/** The same with raw BullMQ: a producer process adding as fast as it can, and a Worker. */
const rawSteady = (context: BenchContext) =>
  context.onRawBullmq(async (raw): Promise<Figures<'created' | 'completed' | 'redis'>> => {
    await raw.startWorker();
    const before = await redisCommands(context.redis);
    const load = await raw.produce({
      mode: 'add',
      shape: { until: { durationMs: context.settings.steadyMs }, inFlight: HTTP_CONNECTIONS },
    });
    const { finishedAt } = await raw.completed(load.jobs);
    const steady = steadyPart(load);
    const completed = finishedAt.filter((at) => at >= steady.fromMs && at < steady.toMs).length;
    return {
      created: jobsPerSecond(load),
      completed: completed / steady.seconds,
      redis: ((await redisCommands(context.redis)) - before) / load.jobs,
    };
  });

export const createAndProcess: Measure = {
  names: ['create-process'],
  async run(context) {
    const seconds = context.settings.steadyMs / 1000;
    const figures = await context.repeat(`create + process: ${seconds} s`, async () => {
      const platform = await platformSteady(context);
      const raw = await rawSteady(context);
      return {
        ...platform,
        rawCreated: raw.created,
        rawCompleted: raw.completed,
        rawRedis: raw.redis,
      };
    });
    const perJob = (value: number | null) => ({ value, unit: '/job', digits: 2 });
    return [
      {
        measure: `create + process, ${seconds} s steady, ${HTTP_CONNECTIONS} connections`,
        platform: { value: figures.completed, unit: 'jobs/s' },
        anchor: { value: figures.rawCompleted, unit: 'jobs/s' },
        target: { atLeastRatio: 0.35 },
      },
      {
        measure: 'Postgres statements per job (sent by the apps, counted in pg)',
        platform: perJob(figures.statements),
        anchor: null,
        target: { atMost: 1.5 },
      },
      {
        measure: 'Postgres transactions per job (pg_stat_database, bench database)',
        platform: perJob(figures.transactions),
        anchor: null,
        target: null,
      },
      {
        measure: 'Redis commands per job (commandstats of the private Redis)',
        platform: perJob(figures.redis),
        anchor: perJob(figures.rawRedis),
        target: null,
      },
    ];
  },
};
