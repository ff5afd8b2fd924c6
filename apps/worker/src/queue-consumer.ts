import { randomUUID } from 'node:crypto';
import { PlatformConfig } from '@lib/config';
import { JobStatusRecorder } from '@lib/job-status';
import { CONSUMER_OPTIONS, connectRedis, servedQueues } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { JobRunner } from './job-runner';
import { ServedQueue } from './served-queue';
import { Wakeup } from './wakeup';

interface Running {
  job: Job;
  token: string;
  queue: ServedQueue;
  controller: AbortController;
  done: Promise<void>;
}

// Safety net for wake-ups that events cannot give (delays set before this worker started).
const IDLE_POLL_MS = 1000;

/**
 * Takes jobs from the served queues in serving order: whenever a slot is free, the
 * next job comes from the first non-empty queue (high before default before low),
 * and within a queue by priority then arrival. At most WORKER_CONCURRENCY run at once.
 */
@Injectable()
export class QueueConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('worker');
  private readonly running = new Map<string, Running>();
  private readonly wakeup = new Wakeup();
  private queues: ServedQueue[] = [];
  private connection: Redis | null = null;
  private loop: Promise<void> | null = null;
  private lockRenewal: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly config: PlatformConfig,
    private readonly runner: JobRunner,
    private readonly recorder: JobStatusRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { worker, redis } = this.config;
    this.connection = await connectRedis(redis.url, CONSUMER_OPTIONS);
    this.queues = servedQueues(worker.queues).map(
      (name) =>
        new ServedQueue(name, {
          connection: this.connection as Redis,
          prefix: redis.prefix,
          stallTimeoutMs: worker.stallTimeoutMs,
          onMaybeWaiting: () => this.wakeup.wake(),
          onFailedInRedis: (jobId, reason) => this.recordFailedInRedis(jobId, reason),
        }),
    );
    await Promise.all(this.queues.map((queue) => queue.start()));
    this.lockRenewal = setInterval(() => this.renewLocks(), worker.stallTimeoutMs / 3);
    this.loop = this.consume();
    this.logger.log(
      `Worker serving ${this.queues.map((q) => q.name).join(', ')} with concurrency ${worker.concurrency}.`,
    );
  }

  /** Stops taking jobs, then lets running ones finish within SHUTDOWN_GRACE_MS. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    const finished = Promise.all([...this.running.values()].map((r) => r.done));
    const graceOver = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), this.config.worker.shutdownGraceMs).unref(),
    );
    if ((await Promise.race([finished, graceOver])) === 'timeout') {
      await this.releaseUnfinished();
    }
    if (this.lockRenewal) {
      clearInterval(this.lockRenewal);
    }
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.connection?.quit();
  }

  private async consume(): Promise<void> {
    while (!this.stopping) {
      if (this.running.size >= this.config.worker.concurrency) {
        await this.wakeup.wait(IDLE_POLL_MS);
        continue;
      }
      const fetched = await this.fetchNext().catch((error: Error) => {
        this.logger.error(`Could not fetch a job: ${error.message}`);
        return undefined;
      });
      if (fetched) {
        this.start(fetched.job, fetched.token, fetched.queue);
      } else {
        await this.wakeup.wait(IDLE_POLL_MS);
      }
    }
  }

  private async fetchNext(): Promise<{ job: Job; token: string; queue: ServedQueue } | undefined> {
    for (const queue of this.queues) {
      const token = randomUUID();
      const job = await queue.fetch(token);
      if (job) {
        return { job, token, queue };
      }
    }
    return undefined;
  }

  private start(job: Job, token: string, queue: ServedQueue): void {
    const controller = new AbortController();
    const id = job.id as string;
    const done = this.runner
      .run({ job, token, attempt: job.attemptsMade + 1, signal: controller.signal })
      .catch((error: Error) =>
        this.logger.error(`Job ${id} could not be settled: ${error.message}`),
      )
      .finally(() => {
        this.running.delete(id);
        this.wakeup.wake();
      });
    this.running.set(id, { job, token, queue, controller, done });
  }

  private renewLocks(): void {
    for (const queue of this.queues) {
      const held = [...this.running.values()]
        .filter((r) => r.queue === queue)
        .map((r) => ({ id: r.job.id as string, token: r.token }));
      queue.renewLocks(held).catch((error: Error) => {
        this.logger.warn(`Could not renew locks on ${queue.name}: ${error.message}`);
      });
    }
  }

  // Past the grace period: stop the attempts and put their jobs back for another worker.
  private async releaseUnfinished(): Promise<void> {
    for (const { job, token, controller } of this.running.values()) {
      controller.abort(new Error('The worker is shutting down.'));
      this.logger.warn(`Job ${job.id} did not finish within SHUTDOWN_GRACE_MS; handing it back.`);
      await job.moveToWait(token).catch(() => undefined);
    }
  }

  private recordFailedInRedis(jobId: string, reason: string): void {
    if (this.running.has(jobId)) {
      return;
    }
    this.recorder
      .failAbandoned(jobId, {
        message: `${reason} (its worker stopped renewing the job's lock for WORKER_STALL_TIMEOUT_MS).`,
        permanent: true,
        name: 'StalledJobError',
        attempt: 0,
        at: new Date().toISOString(),
      })
      .catch((error: Error) =>
        this.logger.error(`Could not record job ${jobId} as failed: ${error.message}`),
      );
  }
}
