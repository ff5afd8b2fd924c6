import type { AwaitingHandOff } from '@lib/job-status';
import { JobQueues } from '@lib/queues';
import type { QueueName, QueuedJob } from '@lib/queues';
import { Injectable } from '@nestjs/common';

const queuedJob = (row: AwaitingHandOff): QueuedJob => ({
  type: row.type,
  placement: {
    jobId: row.id,
    priority: row.priority,
    delayMs: row.runAt ? Math.max(0, row.runAt.getTime() - Date.now()) : 0,
    attemptsLeft: row.maxAttempts - row.attempts,
  },
});

/**
 * Gives rows to Redis: the job type's name, the row id and its place (queue, priority,
 * delay), nothing else. It writes nothing to Postgres: callers mark what was handed.
 */
@Injectable()
export class JobHandOff {
  constructor(private readonly queues: JobQueues) {}

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
}

function groupByQueue(rows: readonly AwaitingHandOff[]): Map<QueueName, AwaitingHandOff[]> {
  const groups = new Map<QueueName, AwaitingHandOff[]>();
  for (const row of rows) {
    const queue = row.queue as QueueName;
    groups.set(queue, [...(groups.get(queue) ?? []), row]);
  }
  return groups;
}
