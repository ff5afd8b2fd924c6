import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { jobOptions } from './job-options';
import type { JobPlacement } from './job-options';
import { QUEUE_NAMES } from './queue-names';
import type { QueueName } from './queue-names';
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
  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /**
   * Removes a waiting, delayed or finished job from Redis (also one that is not there).
   * @returns false when a worker holds the job's lock, which leaves it in place
   */
  async remove(queue: QueueName, jobId: string): Promise<boolean> {
    return (await answeredInTime([jobId], this.queue(queue).remove(jobId))) === 1;
  }

  all(): Queue[] {
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
      jobs.map((job) => job.placement.jobId),
      this.queue(queue).addBulk(bulk),
    );
  }
}

/** Redis's answer, or QueueUnavailableError when it refuses or takes too long. */
async function answeredInTime<T>(jobIds: readonly string[], command: Promise<T>): Promise<T> {
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
    throw new QueueUnavailableError(jobIds, (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}
