import { PlatformConfig } from '@lib/config';
import { QueuePauseLedger } from '@lib/job-status';
import { JobQueues, QUEUE_NAMES, isQueueName } from '@lib/queues';
import type { QueueName } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';

/**
 * Keeps BullMQ's pause flags as Postgres records them (POST /queues/:name/pause): a Redis
 * that lost its data, or missed a pause or a resume, gets it again. Paused queues are put
 * back before each hand-off sweep, so that jobs handed to an emptied Redis wait in them.
 */
@Injectable()
export class QueuePauseSync {
  private readonly logger = new Logger('recovery');

  constructor(
    private readonly ledger: QueuePauseLedger,
    private readonly queues: JobQueues,
    private readonly config: PlatformConfig,
  ) {}

  /** Pauses again, in Redis, each queue Postgres holds paused (no Redis call when none is). */
  async repause(): Promise<void> {
    const paused = [...(await this.ledger.paused(this.config.redis.prefix))];
    await Promise.all(paused.filter(isQueueName).map((queue) => this.align(queue, true)));
  }

  /** Aligns every queue's flag with Postgres, resumes included. */
  async alignAll(): Promise<void> {
    const paused = await this.ledger.paused(this.config.redis.prefix);
    await Promise.all(QUEUE_NAMES.map((queue) => this.align(queue, paused.has(queue))));
  }

  private async align(queue: QueueName, paused: boolean): Promise<void> {
    if ((await this.queues.isPaused(queue)) === paused) {
      return;
    }
    await this.queues.setPaused(queue, paused);
    this.logger.warn(
      paused
        ? `Queue ${queue} is paused in Postgres but was not in Redis: paused it again.`
        : `Queue ${queue} is not paused in Postgres but was in Redis: resumed it.`,
    );
  }
}
