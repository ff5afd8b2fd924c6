// `npm run bench`: jobs per second through raw BullMQ and through the whole platform (HTTP
// create → Postgres → Redis → worker → Postgres) on this machine, with the same number of
// concurrent producers and the same worker concurrency. Prints figures; asserts nothing.
import { TestPlatform, TestQueuePrefix, waitFor } from '@lib/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const JOBS = Number(process.env.BENCH_JOBS ?? 3000);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

/** Runs `produce(i)` for i in [0, JOBS) with PRODUCERS calls in flight. */
async function produceAll(produce: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const producer = async () => {
    while (next < JOBS) {
      await produce(next++);
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, producer));
}

async function rawBullmq(): Promise<number> {
  const keys = new TestQueuePrefix('bench-raw');
  const connection = new Redis(keys.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench', { connection, prefix: keys.prefix });
  let completed = 0;
  const allDone = new Promise<void>((resolve) => {
    const worker = new Worker('bench', () => Promise.resolve({ ok: true }), {
      connection,
      prefix: keys.prefix,
      concurrency: CONCURRENCY,
    });
    worker.on('completed', () => {
      if (++completed === JOBS) {
        void worker.close().then(() => resolve());
      }
    });
  });
  const started = Date.now();
  await produceAll((i) => queue.add('noop', { i }, { attempts: 3 }));
  await allDone;
  const seconds = (Date.now() - started) / 1000;
  await queue.close();
  await keys.clear();
  connection.disconnect();
  return JOBS / seconds;
}

async function platform(): Promise<{
  perSecond: number;
  createdPerSecond: number;
  workerRssMb: number;
}> {
  const platform = new TestPlatform('bench');
  try {
    await platform.start('api');
    const worker = await platform.start('worker', { WORKER_CONCURRENCY: String(CONCURRENCY) });
    const started = Date.now();
    await produceAll(() => platform.createJob({ type: 'sleep', payload: { ms: 0 } }));
    const createdPerSecond = JOBS / ((Date.now() - started) / 1000);
    await waitFor(
      `${JOBS} completed jobs`,
      () =>
        platform.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM job_statuses WHERE status = 'completed'",
        ),
      (rows) => rows[0].n === JOBS,
      { timeoutMs: 600_000, intervalMs: 100 },
    );
    const seconds = (Date.now() - started) / 1000;
    return { perSecond: JOBS / seconds, createdPerSecond, workerRssMb: worker.rssMb() };
  } finally {
    await platform.stop();
  }
}

async function main(): Promise<void> {
  console.log(`jobs: ${JOBS}, producers: ${PRODUCERS}, worker concurrency: ${CONCURRENCY}`);
  const raw = await rawBullmq();
  console.log(`raw BullMQ (add + process):           ${raw.toFixed(0)} jobs/s`);
  const whole = await platform();
  console.log(`platform (HTTP create → completed):   ${whole.perSecond.toFixed(0)} jobs/s`);
  console.log(`  of which creating over HTTP alone:   ${whole.createdPerSecond.toFixed(0)} jobs/s`);
  console.log(`worker resident memory at the end:    ${whole.workerRssMb.toFixed(0)} MB`);
  console.log(
    `raw / platform:                       ${(raw / whole.perSecond).toFixed(2)}× (target ≤ 2×)`,
  );
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
