// `npm run bench`: jobs per second through raw BullMQ and through the platform on this
// machine, with the same number of concurrent producers and the same worker concurrency.
// Prints figures; asserts nothing (a shared 2-core machine makes timings too noisy to gate).
import { Agent, request } from 'node:http';
import { TestPlatform, TestQueuePrefix, waitFor } from '@lib/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const JOBS = Number(process.env.BENCH_JOBS ?? 3000);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const BODY = JSON.stringify({ type: 'sleep', payload: { ms: 0 } });

const perSecond = (startedAt: number) => JOBS / ((Date.now() - startedAt) / 1000);

/** Runs `produce()` JOBS times with PRODUCERS calls in flight. */
async function produceAll(produce: () => Promise<unknown>): Promise<void> {
  let next = 0;
  const producer = async () => {
    while (next++ < JOBS) {
      await produce();
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, producer));
}

// node:http with keep-alive: fetch costs the client about as much CPU as the API spends.
function postJob(port: number, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', path: '/create-jobs', method: 'POST', agent },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 202 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.setHeader('content-type', 'application/json');
    req.on('error', reject);
    req.end(BODY);
  });
}

async function rawBullmq(): Promise<number> {
  const keys = new TestQueuePrefix('bench-raw');
  const connection = new Redis(keys.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench', { connection, prefix: keys.prefix });
  let completed = 0;
  const worker = new Worker('bench', () => Promise.resolve({ ok: true }), {
    connection,
    prefix: keys.prefix,
    concurrency: CONCURRENCY,
  });
  const allDone = new Promise<void>((resolve) =>
    worker.on('completed', () => ++completed === JOBS && resolve()),
  );
  const startedAt = Date.now();
  await produceAll(() => queue.add('noop', { ms: 0 }, { attempts: 3 }));
  await allDone;
  const rate = perSecond(startedAt);
  await Promise.all([worker.close(), queue.close()]);
  await keys.clear();
  connection.disconnect();
  return rate;
}

interface PlatformFigures {
  created: number;
  drained: number;
  whole: number;
  workerRssMb: number;
}

async function platform(): Promise<PlatformFigures> {
  const platform = new TestPlatform('bench');
  const agent = new Agent({ keepAlive: true, maxSockets: PRODUCERS });
  const completed = (n: number) =>
    waitFor(
      `${n} completed jobs`,
      () =>
        platform.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM job_statuses WHERE status = 'completed'",
        ),
      (rows) => rows[0].n === n,
      { timeoutMs: 600_000, intervalMs: 50 },
    );
  try {
    const port = Number((await platform.start('api')).env.PORT);
    let startedAt = Date.now();
    await produceAll(() => postJob(port, agent));
    const created = perSecond(startedAt);

    startedAt = Date.now();
    const worker = await platform.start('worker', { WORKER_CONCURRENCY: String(CONCURRENCY) });
    await completed(JOBS);
    const drained = perSecond(startedAt);

    startedAt = Date.now();
    await produceAll(() => postJob(port, agent));
    await completed(2 * JOBS);
    return { created, drained, whole: perSecond(startedAt), workerRssMb: worker.rssMb() };
  } finally {
    agent.destroy();
    await platform.stop();
  }
}

async function main(): Promise<void> {
  const line = (label: string, value: string) => console.log(`${label.padEnd(46)}${value}`);
  line('jobs per run, producers, worker concurrency:', `${JOBS}, ${PRODUCERS}, ${CONCURRENCY}`);
  const raw = await rawBullmq();
  line('raw BullMQ, add + process:', `${raw.toFixed(0)} jobs/s`);
  const figures = await platform();
  line('platform, create over HTTP (no worker):', `${figures.created.toFixed(0)} jobs/s`);
  line('platform, worker draining a full queue:', `${figures.drained.toFixed(0)} jobs/s`);
  line('platform, create over HTTP → completed:', `${figures.whole.toFixed(0)} jobs/s`);
  line('worker resident memory at the end:', `${figures.workerRssMb.toFixed(0)} MB`);
  line('raw BullMQ / whole platform:', `${(raw / figures.whole).toFixed(2)}× (target ≤ 2×)`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
