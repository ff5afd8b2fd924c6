import { TestQueuePrefix } from '@lib/testing';
import { ChildTask } from '../child-task';
import { WORKER_CONCURRENCY } from '../load-levels';
import { warnOfFailures } from '../load/load-shape';
import type { LoadResult } from '../load/load-shape';
import type { ProducerRequest } from './bullmq-producer.anchor';
import type { CompletedJobs, WorkerOptions } from './bullmq-worker.anchor';
import type { RawQueueOptions } from './raw-queue.options';

/**
 * Raw BullMQ for one run of a measure: a key prefix of its own on the bench's Redis, a
 * Worker process (bullmq-worker.anchor.ts) and producer processes (bullmq-producer.anchor.ts).
 */
export class RawBullmq {
  private readonly keys: TestQueuePrefix;
  private worker: ChildTask | null = null;

  constructor(redisUrl: string) {
    this.keys = new TestQueuePrefix('bench-raw', redisUrl);
  }

  private get queue(): RawQueueOptions {
    return { redisUrl: this.keys.redisUrl, prefix: this.keys.prefix };
  }

  /** Starts the Worker, at the platform worker's concurrency, and waits until it is ready. */
  async startWorker(): Promise<void> {
    const options: WorkerOptions = { ...this.queue, concurrency: WORKER_CONCURRENCY };
    this.worker = (await ChildTask.start('anchors/bullmq-worker.anchor', options)).task;
  }

  /** Waits until the Worker completed `after` jobs; answers every job it completed. */
  async completed(after: number): Promise<CompletedJobs> {
    if (!this.worker) {
      throw new Error('Start the raw Worker before asking what it completed.');
    }
    return this.worker.request<CompletedJobs>({ after });
  }

  /** Adds jobs from a producer process of its own, as `request` says; timed inside it. */
  async produce(request: ProducerRequest): Promise<LoadResult> {
    const script = 'anchors/bullmq-producer.anchor';
    const result = await ChildTask.answerOnce<LoadResult>(script, this.queue, request);
    return warnOfFailures(`raw BullMQ ${request.mode}`, result);
  }

  /** Ends the Worker and deletes the keys. */
  async destroy(): Promise<void> {
    await this.worker?.stop();
    await this.keys.clear();
  }
}
