import { PlatformConfig } from '@lib/config';
import { JOB_STATES, JobStatusRecorder, UnfinishedJobsReader } from '@lib/job-status';
import type { UnfinishedJob } from '@lib/job-status';
import { QueueStore } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import { RECOVERY_REASONS, RecoveryMetrics } from './recovery-metrics';

const PAGE = 500;
// A hand-off younger than this may still be on its way to Redis.
const SETTLED_MS = 5000;

/**
 * Checks every unfinished job against the queues (Redis, or BullMQ's tables in Postgres),
 * a page at a time, costing one lookup per unfinished job and nothing for the finished
 * history. A waiting job the queues do not hold (or hold as finished) is marked for a new
 * hand-off; a running job whose worker stopped beating and whose queued copy is gone is
 * rescued (retried, or failed with no attempt left), since nothing else would ever end it.
 */
@Injectable()
export class QueueAudit {
  private readonly logger = new Logger('recovery');

  constructor(
    private readonly reader: UnfinishedJobsReader,
    private readonly recorder: JobStatusRecorder,
    private readonly store: QueueStore,
    private readonly metrics: RecoveryMetrics,
    private readonly config: PlatformConfig,
  ) {}

  async audit(): Promise<void> {
    const stallMs = this.config.worker.stallTimeoutMs;
    let lost = 0;
    let rescued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.reader.page(after, PAGE, { stallMs, settledMs: SETTLED_MS });
      if (page.length === 0) {
        break;
      }
      const held = await this.heldByQueues(page);
      const missing = page.filter((job, index) => !held[index]);
      const waiting = missing.filter((job) => job.status !== JOB_STATES.running);
      lost += (await this.recorder.markLostInRedis(waiting.map((job) => job.id))).length;
      rescued += await this.rescue(missing.filter((job) => this.orphaned(job)));
      after = page[page.length - 1].id;
    }
    this.metrics.count(RECOVERY_REASONS.missingInRedis, lost);
    this.metrics.count(RECOVERY_REASONS.workerLost, rescued);
    if (lost + rescued > 0) {
      this.logger.warn(
        `Queue audit: ${lost} waiting job(s) missing from the queues (${this.store.backend}) are ` +
          `handed over again; ${rescued} running job(s) whose worker and queued copy were ` +
          'gone are retried or failed.',
      );
    }
  }

  private orphaned(job: UnfinishedJob): boolean {
    return job.status === JOB_STATES.running && !job.workerAlive && job.leaseId !== null;
  }

  private async rescue(jobs: UnfinishedJob[]): Promise<number> {
    const at = new Date().toISOString();
    const rescued = await Promise.all(
      jobs.map((job) =>
        this.recorder.rescue(job.id, job.leaseId ?? '', {
          message:
            'Its worker stopped (no heartbeat within WORKER_STALL_TIMEOUT_MS) and the queues ' +
            'no longer held the job, so the attempt could not finish.',
          permanent: false,
          name: 'WorkerLostError',
          attempt: job.attempts,
          at,
        }),
      ),
    );
    return rescued.filter(Boolean).length;
  }

  /** For each job: the queues hold it unfinished. One question per queue. */
  private async heldByQueues(jobs: UnfinishedJob[]): Promise<boolean[]> {
    const held = new Array<boolean>(jobs.length);
    const byQueue = new Map<string, number[]>();
    jobs.forEach((job, index) =>
      byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), index]),
    );
    await Promise.all(
      [...byQueue].map(async ([queue, indexes]) => {
        const answers = await this.store.heldUnfinished(
          queue,
          indexes.map((index) => jobs[index].id),
        );
        answers.forEach((answer, at) => (held[indexes[at]] = answer));
      }),
    );
    return held;
  }
}
