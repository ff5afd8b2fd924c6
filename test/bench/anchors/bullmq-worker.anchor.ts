// Anchor: a raw BullMQ Worker in a process of its own, running no-op jobs at the
// platform worker's concurrency and keeping, for each job, when it was added, started
// and completed (epoch ms, the machine's one clock).
import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { NO_OP_QUEUE } from '../no-op-job';
import { childOptions, serveParent } from '../parent-channel';
import type { RawQueueOptions } from './raw-queue.options';

export interface WorkerOptions extends RawQueueOptions {
  concurrency: number;
}

/** Per completed job, in completion order: `job.timestamp`, processor entry, completion. */
export interface CompletedJobs {
  addedAt: number[];
  startedAt: number[];
  finishedAt: number[];
}

const { redisUrl, prefix, concurrency } = childOptions<WorkerOptions>();
const started = new Map<string, number>();
const completed: CompletedJobs = { addedAt: [], startedAt: [], finishedAt: [] };
let onCompleted: () => void = () => undefined;

const worker = new Worker(
  NO_OP_QUEUE,
  (job: Job) => {
    started.set(job.id as string, Date.now());
    return Promise.resolve();
  },
  { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix, concurrency },
);
worker.on('completed', (job: Job) => {
  completed.finishedAt.push(Date.now());
  completed.startedAt.push(started.get(job.id as string) ?? Number.NaN);
  completed.addedAt.push(job.timestamp);
  started.delete(job.id as string);
  onCompleted();
});

/** Answers once `after` jobs have completed in all: every completed job so far. */
async function report({ after }: { after: number }): Promise<CompletedJobs> {
  while (completed.finishedAt.length < after) {
    await new Promise<void>((resolve) => (onCompleted = resolve));
  }
  return completed;
}

serveParent(() => worker.waitUntilReady().then(() => true), report);
