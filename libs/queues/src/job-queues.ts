import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { PlatformError } from '@lib/errors';
import { jobOptions } from './job-options';
import type { JobPlacement } from './job-options';
import { QUEUE_NAMES } from './queue-names';
import type { StoredQueue } from './queue-store';
import type { QueueName } from './queue-names';
import { QueueControlUnavailableError } from './queue-control-unavailable.error';
import { QueueUnavailableError } from './queue-unavailable.error';

// Well under the API's 2 s promise: a hand-off that takes longer is left to the sweep.
const ANSWER_TIMEOUT_MS = 1500;

/** A job to hand to Redis: its type's name (what BullMQ and the dashboard show) and place. */
export interface QueuedJob {
  type: string;
  placement: JobPlacement;
}

/** Hands jobs to the named BullMQ queues (producer side). */
@Injectable()
export class JobQueues implements OnModuleInit {
  private readonly logger = new Logger('queues');

  constructor(private readonly moduleRef: ModuleRef) {}

  // A BullMQ Queue re-emits its connection's errors; unheard, Node prints each as a stack.
  onModuleInit(): void {
    for (const queue of this.all()) {
      queue.on('error', (error: Error) =>
        this.logger.debug(`Queue ${queue.name}: ${error.message}`),
      );
    }
  }

  /** The BullMQ queue behind a name, e.g. for a dashboard. */
  queue(name: QueueName): StoredQueue {
    return this.moduleRef.get<StoredQueue>(getQueueToken(name), { strict: false });
  }

  /**
   * Removes a waiting, delayed or finished job from Redis (also one that is not there).
   * @returns false when a worker holds the job's lock, which leaves it in place
   */
  async remove(queue: QueueName, jobId: string): Promise<boolean> {
    const bullQueue = this.queue(queue);
    if ((await answeredInTime(bullQueue.remove(jobId), unavailable([jobId]))) === 1) {
      return true;
    }
    // Redis answers 1 for a job it does not hold; BullMQ's Postgres backend answers 0, as
    // for a locked one. (A job that ends between the two calls is fenced in Postgres.)
    return (await answeredInTime(bullQueue.getJob(jobId), unavailable([jobId]))) === undefined;
  }

  /**
   * Pauses or resumes a queue for every worker at once: BullMQ keeps the flag in Redis and
   * a paused queue hands out no job (running ones finish). Jobs still join it meanwhile.
   * @throws QueueUnavailableError when Redis refuses or does not answer in time
   */
  async setPaused(name: QueueName, paused: boolean): Promise<void> {
    const queue = this.queue(name);
    const action = paused ? 'pause' : 'resume';
    await answeredInTime(
      paused ? queue.pause() : queue.resume(),
      (reason) => new QueueControlUnavailableError(name, action, reason),
    );
  }

  /** @throws QueueUnavailableError when Redis refuses or does not answer in time */
  isPaused(name: QueueName): Promise<boolean> {
    return answeredInTime(
      this.queue(name).isPaused(),
      (reason) => new QueueControlUnavailableError(name, 'read', reason),
    );
  }

  all(): StoredQueue[] {
    return QUEUE_NAMES.map((name) => this.queue(name));
  }

  /**
   * Adds jobs of one queue in one round trip. BullMQ ignores an add under an id it
   * still holds, so a repeated hand-off cannot queue a job twice.
   * @throws QueueUnavailableError when Redis refuses or does not answer in time
   */
  async add(queue: QueueName, jobs: readonly QueuedJob[]): Promise<void> {
    const bulk = jobs.map(({ type, placement }) => ({
      name: type,
      data: {},
      opts: jobOptions(placement),
    }));
    await answeredInTime(
      this.queue(queue).addBulk(bulk),
      unavailable(jobs.map((job) => job.placement.jobId)),
    );
  }
}

const unavailable = (jobIds: readonly string[]) => (reason: string) =>
  new QueueUnavailableError(jobIds, reason);

/** Redis's answer, or the error `failure` makes when it refuses or takes too long. */
async function answeredInTime<T>(
  command: Promise<T>,
  failure: (reason: string) => PlatformError,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${ANSWER_TIMEOUT_MS} ms`)),
      ANSWER_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([command, timeout]);
  } catch (error) {
    throw failure((error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}
