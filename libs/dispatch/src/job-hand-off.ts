import type { AwaitingHandOff } from '@lib/job-status';
import { GroupCommit } from '@lib/database';
import { JobQueues, QueueUnavailableError } from '@lib/queues';
import type { QueueName, QueuedJob } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';

const queuedJob = (row: AwaitingHandOff): QueuedJob => ({
  type: row.type,
  placement: {
    jobId: row.id,
    priority: row.priority,
    delayMs: row.runAt ? Math.max(0, row.runAt.getTime() - Date.now()) : 0,
    attemptsLeft: row.maxAttempts - row.attempts,
  },
});

const MAX_JOBS_PER_ROUND_TRIP = 1000;

/**
 * Gives rows to Redis: the job type's name, the row id and its place (queue, priority,
 * delay), nothing else. It writes nothing to Postgres: callers mark what was handed.
 */
@Injectable()
export class JobHandOff {
  private readonly logger = new Logger('dispatch');
  // Jobs created at the same time (a batch, concurrent requests) share one round trip.
  private readonly soon = new GroupCommit<AwaitingHandOff, boolean>(
    (rows) => this.placeAll(rows),
    MAX_JOBS_PER_ROUND_TRIP,
  );

  constructor(private readonly queues: JobQueues) {}

  /**
   * Hands over a new row together with the others handed over at the same time.
   * @returns false when Redis refused or did not answer in time: the row is then left
   *   to the hand-off sweep
   */
  placeSoon(row: AwaitingHandOff): Promise<boolean> {
    return this.soon.submit(row);
  }

  /**
   * Hands over rows Redis has never seen, one round trip per queue.
   * @throws QueueUnavailableError when Redis refuses or does not answer in time
   */
  async place(rows: readonly AwaitingHandOff[]): Promise<void> {
    await Promise.all(
      [...groupByQueue(rows)].map(([queue, group]) => this.queues.add(queue, group.map(queuedJob))),
    );
  }

  /**
   * Hands over rows that Redis may still hold an old copy of (a retried job's failed
   * copy, or a copy that a crashed hand-off left behind): that copy is removed first,
   * since Redis ignores an add under an id it still holds. A copy a worker still holds
   * locked stays, and so does its row, for a later sweep.
   * @returns the ids handed over
   * @throws QueueUnavailableError when Redis refuses or does not answer in time
   */
  async replace(rows: readonly AwaitingHandOff[]): Promise<string[]> {
    const removed = await Promise.all(
      rows.map((row) => this.queues.remove(row.queue as QueueName, row.id)),
    );
    const free = rows.filter((_, index) => removed[index]);
    await this.place(free);
    return free.map((row) => row.id);
  }

  private async placeAll(rows: AwaitingHandOff[]): Promise<boolean[]> {
    try {
      await this.place(rows);
      return rows.map(() => true);
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) {
        throw error;
      }
      this.logger.debug(error.message);
      return rows.map(() => false);
    }
  }
}

function groupByQueue(rows: readonly AwaitingHandOff[]): Map<QueueName, AwaitingHandOff[]> {
  const groups = new Map<QueueName, AwaitingHandOff[]>();
  for (const row of rows) {
    const queue = row.queue as QueueName;
    groups.set(queue, [...(groups.get(queue) ?? []), row]);
  }
  return groups;
}
