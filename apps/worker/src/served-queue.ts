import { platformBackoffStrategy } from '@lib/queues';
import type { QueueName, QueueStore, StoredQueueEvents, StoredWorker } from '@lib/queues';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';

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
 * One BullMQ queue as a worker serves it: jobs are fetched on demand (so the
 * consumer can choose the queue), locks are renewed for the jobs it holds, and
 * the stalled-job checker hands jobs of dead workers to live ones.
 */
export class ServedQueue {
  private readonly worker: StoredWorker;
  private readonly events: StoredQueueEvents;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger = new Logger('worker');
  /** The last fetch found nothing: the consumer probes with one fetch before asking for more. */
  seemsEmpty = false;

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
    this.events.on('waiting', () => this.options.onMaybeWaiting());
    this.events.on('delayed', ({ delay }) => this.wakeAt(Number(delay)));
    await Promise.all([this.worker.waitUntilReady(), this.events.waitUntilReady()]);
    await this.worker.startStalledCheckTimer();
  }

  /** The next job of this queue, locked with `token`, or undefined when none is waiting. */
  async fetch(token: string): Promise<Job | undefined> {
    return (await this.worker.getNextJob(token, { block: false })) ?? undefined;
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
      this.options.onMaybeWaiting();
    }, inMs);
    this.timers.add(timer);
  }
}
