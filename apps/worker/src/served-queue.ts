import { platformBackoffStrategy } from '@lib/queues';
import type { QueueName, QueueStore, StoredQueueEvents, StoredWorker } from '@lib/queues';
import { Logger } from '@nestjs/common';
import type { Job, JobJson } from 'bullmq';

// The Worker's own step from a fetch's answer to a Job (protected in its typings): the
// step getNextJob ends with, and that its completions use to take the next job.
interface NextJobMaker {
  nextJobFromJobData(jobData: JobJson, jobId: string, token: string): Promise<Job | undefined>;
}

export interface ServedQueueOptions {
  /** Where the queue lives (QUEUE_BACKEND). */
  store: QueueStore;
  stallTimeoutMs: number;
  /** Called when a job may be waiting: one was added, promoted, or a delay ran out. */
  onMaybeWaiting: () => void;
}

// Longest wait before acting on a 'delayed' event; a later delay is caught by polling.
const MAX_DELAY_TIMER_MS = 60_000;

/**
 * How long a queue found empty is left alone unless a job arrives: the safety net for jobs
 * that came without an event to say so (a queue resumed, an event missed while Redis was
 * away).
 */
const RECHECK_EMPTY_MS = 1000;

/**
 * One BullMQ queue as a worker serves it: jobs are fetched on demand (so the
 * consumer can choose the queue), locks are renewed for the jobs it holds, and
 * the stalled-job checker hands jobs of dead workers to live ones.
 */
export class ServedQueue {
  private readonly worker: StoredWorker;
  private readonly events: StoredQueueEvents;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger = new Logger('worker');
  // Arrivals noted so far, and when a fetch last found the queue empty with none since.
  private arrivals = 0;
  private foundEmptyAt: number | null = null;

  constructor(
    readonly name: QueueName,
    private readonly options: ServedQueueOptions,
  ) {
    this.worker = options.store.worker(name, {
      autorun: false,
      lockDuration: options.stallTimeoutMs,
      stalledInterval: Math.max(250, Math.floor(options.stallTimeoutMs / 2)),
      // A job whose worker dies is run again once; if that one dies too, it fails.
      maxStalledCount: 1,
      settings: { backoffStrategy: platformBackoffStrategy },
    });
    this.events = options.store.queueEvents(name);
  }

  async start(): Promise<void> {
    // Connection errors are logged once by the worker's own connection; unheard, BullMQ
    // objects print each one as a stack trace.
    const debug = (error: Error) => this.logger.debug(`Queue ${this.name}: ${error.message}`);
    this.worker.on('error', debug);
    this.events.on('error', debug);
    this.events.on('waiting', () => this.noteArrival());
    this.events.on('delayed', ({ delay }) => this.wakeAt(Number(delay)));
    await Promise.all([this.worker.waitUntilReady(), this.events.waitUntilReady()]);
    await this.worker.startStalledCheckTimer();
  }

  /** A job may be waiting: one was added, promoted, its delay ran out, or a wake-up named no queue. */
  noteArrival(): void {
    this.arrivals += 1;
    this.foundEmptyAt = null;
    this.options.onMaybeWaiting();
  }

  /** The next fetch looks, arrival or not. */
  recheck(): void {
    this.foundEmptyAt = null;
  }

  /** Whether a fetch may find a job: no fetch found it empty since the last arrival, or long ago. */
  worthFetching(now = Date.now()): boolean {
    return this.foundEmptyAt === null || now - this.foundEmptyAt >= RECHECK_EMPTY_MS;
  }

  /** A fetch found it empty lately: the consumer probes with one fetch before asking for more. */
  get seemsEmpty(): boolean {
    return this.foundEmptyAt !== null;
  }

  /**
   * Fetches that went out after `arrivalsSeen` arrivals came back short. A job that arrived
   * since may not have been there when they ran, so only with none since is it empty.
   */
  foundEmpty(arrivalsSeen: number): void {
    if (this.arrivals === arrivalsSeen) {
      this.foundEmptyAt = Date.now();
    }
  }

  /** The arrivals noted so far, to hand to foundEmpty for fetches sent now. */
  get arrivalsSeen(): number {
    return this.arrivals;
  }

  /** The next job of this queue, locked with `token`, or undefined when none is waiting. */
  async fetch(token: string): Promise<Job | undefined> {
    return (await this.worker.getNextJob(token, { block: false })) ?? undefined;
  }

  /**
   * Completes `job` in Redis; with `takeNext`, the same round trip locks the next job of
   * this queue under the same token (as BullMQ's own Worker does) and answers it.
   */
  async complete(
    job: Job,
    result: unknown,
    token: string,
    takeNext: boolean,
  ): Promise<Job | undefined> {
    const answer = await job.moveToCompleted(result, token, takeNext);
    if (!Array.isArray(answer) || !answer[0]) {
      return undefined;
    }
    const [jobData, jobId] = answer as [JobJson, string];
    return (this.worker as unknown as NextJobMaker).nextJobFromJobData(jobData, jobId, token);
  }

  /** Renews the locks of the jobs this process runs, so they are not taken for stalled. */
  async renewLocks(jobs: ReadonlyArray<{ id: string; token: string }>): Promise<void> {
    if (jobs.length > 0) {
      await this.worker.extendJobLocks(
        jobs.map((job) => job.id),
        jobs.map((job) => job.token),
        this.options.stallTimeoutMs,
      );
    }
  }

  async close(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    await Promise.all([this.worker.close(), this.events.close()]);
  }

  private wakeAt(timestamp: number): void {
    const inMs = Math.min(MAX_DELAY_TIMER_MS, Math.max(0, timestamp - Date.now()));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.noteArrival();
    }, inMs);
    this.timers.add(timer);
  }
}
