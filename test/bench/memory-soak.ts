// `npm run bench:soak`: pushes BENCH_SOAK_JOBS no-op jobs (one million by default) through
// the API and a worker, in ten rounds that each create a tenth and wait until all of it
// finished. Memory is sampled at the same quiet point of the first and the last round, and
// each sample is said to have stayed within 20% or not. Redis keeps up to 10 000 completed
// jobs per queue for an hour (libs/queues job-options.ts): below about 100 000 jobs its
// memory still grows by design. Opt-in: a million jobs take a while.
import type { AppProcess } from '@lib/testing';
import type { BenchPlatform } from './bench-platform';
import { BenchRun } from './bench-run';
import { WORKER_CONCURRENCY } from './load-levels';
import { createThroughApi } from './load/create-through-api';
import { jobsPerSecond } from './load/load-shape';
import { waitForAllFinished } from './platform-jobs';
import { redisUsedMemoryMb } from './redis-counters';

const ROUNDS = 10;
const ALLOWED_GROWTH = 0.2;

type MemorySample = Record<string, number>;

/** Runs the rounds on a running API and worker; answers the memory after each round, in MB. */
async function soak(run: BenchRun, platform: BenchPlatform, apps: AppProcess[]) {
  const perRound = Math.ceil(run.settings.soakJobs / ROUNDS);
  const samples: MemorySample[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const created = await createThroughApi(platform.apiPort(), perRound);
    await waitForAllFinished(platform.database);
    const sample: MemorySample = Object.fromEntries(
      apps.map((app) => [`${app.app} RSS`, app.rssMb()]),
    );
    sample['Redis used_memory'] = await redisUsedMemoryMb(run.redis);
    samples.push(sample);
    const memory = Object.entries(sample).map(([name, mb]) => `${name} ${mb.toFixed(0)} MB`);
    run.progress(
      `round ${round}/${ROUNDS}: ${round * perRound} jobs ` +
        `(created at ${jobsPerSecond(created).toFixed(0)}/s); ${memory.join(', ')}`,
    );
  }
  return samples;
}

function printGrowth(first: MemorySample, last: MemorySample): void {
  console.log('| memory | after 10% | at the end | change | within 20% |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, start] of Object.entries(first)) {
    const change = (last[name] - start) / start;
    const cells = [start, last[name]].map((mb) => `${mb.toFixed(0)} MB`);
    const within = change <= ALLOWED_GROWTH ? 'yes' : 'no';
    console.log(`| ${name} | ${cells.join(' | ')} | ${(change * 100).toFixed(0)}% | ${within} |`);
  }
}

BenchRun.main((run) =>
  run.onPlatform('soak', async (platform) => {
    const api = await platform.start('api');
    const worker = await platform.start('worker', {
      WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    });
    const samples = await soak(run, platform, [worker, api]);
    console.log(`\n${run.settings.soakJobs} jobs through API + worker\n`);
    printGrowth(samples[0], samples[samples.length - 1]);
  }),
);
