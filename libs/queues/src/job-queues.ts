import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { JobEnvelope } from './job-envelope';
import { jobOptions } from './job-options';
import type { JobPlacement } from './job-options';
import { QUEUE_NAMES } from './queue-names';
import type { QueueName } from './queue-names';
import { QueueUnavailableError } from './queue-unavailable.error';

// Well under the API's 2 s promise: a hand-off that takes longer is reported as failed.
const ADD_TIMEOUT_MS = 1500;

/** Hands jobs to the named BullMQ queues (producer side). */
@Injectable()
export class JobQueues {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** The BullMQ queue behind a name, e.g. for a dashboard. */
  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Removes a waiting or delayed job from Redis; a job a worker holds is left alone. */
  async remove(queue: QueueName, jobId: string): Promise<void> {
    await this.queue(queue).remove(jobId);
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.queue(name));
  }

  /**
   * Adds the job; BullMQ ignores a second add of the same id, so a retried hand-off
   * cannot queue a job twice while the first copy still exists.
   * @throws QueueUnavailableError when Redis refuses or does not answer in time
   */
  async add(queue: QueueName, envelope: JobEnvelope, placement: JobPlacement): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${ADD_TIMEOUT_MS} ms`)),
        ADD_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([
        this.queue(queue).add(envelope.type, envelope, jobOptions(placement)),
        timeout,
      ]);
    } catch (error) {
      throw new QueueUnavailableError(placement.jobId, (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
}
