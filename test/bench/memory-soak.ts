// `npm run bench:soak`: pushes BENCH_SOAK_JOBS no-op jobs (one million by default) through
// the API and a worker, in ten rounds that each create a tenth and wait until all of it
// finished. Memory is sampled at the same quiet point of the first and the last round, and
// each sample is said to have stayed within 20% or not. Redis keeps up to 10 000 completed
// jobs per queue for an hour (libs/queues job-options.ts): below about 100 000 jobs its
// memory still grows by design. Opt-in: a million jobs take a while.
import { BenchRun } from './bench-run';
import { WORKER_CONCURRENCY } from './load-levels';
import { jobsPerSecond } from './load/load-shape';
import { prefillThroughApi } from './load/prefill';
import { waitForAllFinished } from './platform-jobs';
import { redisUsedMemoryMb } from './redis-counters';

const ROUNDS = 10;
const ALLOWED_GROWTH = 0.2;

BenchRun.main(async (run) => {
  const platform = run.platform('soak');
  const api = await platform.start('api');
  const worker = await platform.start('worker', { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
  const sample = async (): Promise<Record<string, number>> => ({
    'worker RSS': worker.rssMb(),
    'API RSS': api.rssMb(),
    'Redis used_memory': await redisUsedMemoryMb(run.redis),
  });
  const perRound = Math.ceil(run.settings.soakJobs / ROUNDS);
  const samples: Array<Record<string, number>> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const created = await prefillThroughApi(platform.apiPort(), perRound);
    await waitForAllFinished(platform.database);
    samples.push(await sample());
    const memory = Object.entries(samples[round - 1]).map(
      ([name, mb]) => `${name} ${mb.toFixed(0)} MB`,
    );
    run.progress(
      `round ${round}/${ROUNDS}: ${round * perRound} jobs ` +
        `(created at ${jobsPerSecond(created).toFixed(0)}/s); ${memory.join(', ')}`,
    );
  }
  console.log(`\n${ROUNDS * perRound} jobs through API + worker\n`);
  console.log('| memory | after 10% | at the end | change | within 20% |');
  console.log('| --- | --- | --- | --- | --- |');
  const [first, last] = [samples[0], samples[ROUNDS - 1]];
  for (const [name, start] of Object.entries(first)) {
    const change = (last[name] - start) / start;
    const cells = [start, last[name]].map((mb) => `${mb.toFixed(0)} MB`);
    const within = change <= ALLOWED_GROWTH ? 'yes' : 'no';
    console.log(`| ${name} | ${cells.join(' | ')} | ${(change * 100).toFixed(0)}% | ${within} |`);
  }
});
