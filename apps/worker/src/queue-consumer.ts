import { randomUUID } from 'node:crypto';
import { PlatformConfig } from '@lib/config';
import { openQueueStore, queueSlotCaps, servedQueues } from '@lib/queues';
import type { QueueName, QueueStore } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobCancelledError } from './job-cancelled.error';
import { JobRunner } from './job-runner';
import { ServedQueue } from './served-queue';
import { Wakeup } from './wakeup';
import { workerLanes } from './worker-lanes';
import type { Lane } from './worker-lanes';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerShutdownError } from './worker-shutdown.error';

interface Fetching {
  job: Job;
  token: string;
  queue: ServedQueue;
}

interface Running {
  job: Job;
  token: string;
  queue: ServedQueue;
  controller: AbortController;
  done: Promise<void>;
}

// How long aborted attempts get to stop at shutdown before the process leaves them.
const ABORT_GRACE_MS = 2000;
// Safety net for wake-ups that events cannot give (delays set before this worker started).
const IDLE_POLL_MS = 1000;

/**
 * Takes jobs from the served queues in serving order: whenever a slot is free, the
 * next job comes from the first non-empty queue (high before default before low) that
 * has room under its WORKER_QUEUE_CONCURRENCY cap, and within a queue by priority then
 * arrival. At most WORKER_CONCURRENCY run at once, plus at most WEBHOOK_CONCURRENCY
 * deliveries on slots of their own (see workerLanes).
 */
@Injectable()
export class QueueConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('worker');
  private readonly running = new Map<string, Running>();
  private readonly wakeup = new Wakeup();
  private queues: ServedQueue[] = [];
  private lanes: Lane<ServedQueue>[] = [];
  // WORKER_QUEUE_CONCURRENCY: the most slots a queue may take; a queue not named has no cap.
  private caps = new Map<QueueName, number>();
  private store: QueueStore | null = null;
  private loop: Promise<void> | null = null;
  private lockRenewal: NodeJS.Timeout | null = null;
  private stopping = false;
  private stopListening: () => Promise<void> = () => Promise.resolve();
  private stopWatching: () => Promise<void> = () => Promise.resolve();

  constructor(
    private readonly config: PlatformConfig,
    private readonly runner: JobRunner,
    private readonly heartbeat: WorkerHeartbeat,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { worker } = this.config;
    const store = await openQueueStore(this.config, 'consumer');
    this.store = store;
    this.queues = servedQueues(worker.queues).map(
      (name) =>
        new ServedQueue(name, {
          store,
          stallTimeoutMs: worker.stallTimeoutMs,
          onMaybeWaiting: () => this.wakeup.wake(),
        }),
    );
    this.caps = queueSlotCaps(worker.queueConcurrency);
    this.lanes = workerLanes(this.queues, {
      concurrency: worker.concurrency,
      webhookConcurrency: this.config.webhooks.concurrency,
    });
    await Promise.all(this.queues.map((queue) => queue.start()));
    const cancel = (jobId: string) =>
      this.running.get(jobId)?.controller.abort(new JobCancelledError());
    this.stopListening = await store.cancellations.subscribe(cancel);
    // The backend's notice names no queue: any of them may have a job now.
    this.stopWatching = await store.watchArrivals(() =>
      this.queues.forEach((queue) => queue.noteArrival()),
    );
    this.heartbeat.start(() => [...this.running.keys()], cancel);
    this.lockRenewal = setInterval(() => this.renewLocks(), worker.stallTimeoutMs / 3);
    this.loop = this.consume();
    this.logger.log(
      `Worker serving ${this.lanes.map((lane) => `${lane.queues.map((q) => this.described(q)).join(', ')} with concurrency ${lane.concurrency}`).join('; ')}.`,
    );
  }

  /** Stops taking jobs, then lets running ones finish within SHUTDOWN_GRACE_MS. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    const finished = this.allFinished();
    const graceOver = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), this.config.worker.shutdownGraceMs).unref(),
    );
    if ((await Promise.race([finished, graceOver])) === 'timeout') {
      await this.releaseUnfinished();
    }
    if (this.lockRenewal) {
      clearInterval(this.lockRenewal);
    }
    await Promise.all([this.stopListening(), this.stopWatching()]);
    await this.heartbeat.stop();
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.store?.close();
  }

  // Waits again for jobs taken meanwhile (a completion sent before stopping may take one).
  private async allFinished(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all([...this.running.values()].map((r) => r.done));
    }
  }

  private async consume(): Promise<void> {
    while (!this.stopping) {
      let started = 0;
      for (const lane of this.lanes) {
        const free = lane.concurrency - this.runningIn(lane);
        if (free <= 0) {
          continue;
        }
        started += await this.fillUpTo(lane, free).catch((error: Error) => {
          this.logger.error(`Could not fetch a job: ${error.message}`);
          return 0;
        });
      }
      if (started === 0 && !(await this.wakeup.wait(IDLE_POLL_MS))) {
        // Nothing happened for a while: look in every queue again.
        this.queues.forEach((queue) => queue.recheck());
      }
    }
  }

  private runningIn(lane: Lane<ServedQueue>): number {
    return [...this.running.values()].filter((r) => lane.queues.includes(r.queue)).length;
  }

  private described(queue: ServedQueue): string {
    const cap = this.caps.get(queue.name);
    return cap === undefined ? queue.name : `${queue.name} (at most ${cap})`;
  }

  /** Slots `queue` may still take under its WORKER_QUEUE_CONCURRENCY cap. */
  private roomIn(queue: ServedQueue): number {
    const cap = this.caps.get(queue.name);
    if (cap === undefined) {
      return Infinity;
    }
    return cap - [...this.running.values()].filter((r) => r.queue === queue).length;
  }

  /**
   * Starts up to `count` jobs of the lane in serving order: as many as the first queue
   * holds (and its cap allows), then the rest from the next. Each job starts as soon as
   * its fetch answers, not once the lane is full. The fetches of one queue go out together
   * (one write on the pipelined connection), doubling from one for a queue found empty
   * last time, so that a job arriving alone costs a few fetches, not one per free slot.
   * @returns how many started
   */
  private async fillUpTo(lane: Lane<ServedQueue>, count: number): Promise<number> {
    let started = 0;
    for (const queue of lane.queues) {
      if (!queue.worthFetching()) {
        continue;
      }
      let room = this.roomIn(queue);
      let burst = queue.seemsEmpty ? 1 : count;
      let wanted = Math.min(count - started, room, burst);
      while (wanted > 0) {
        const arrivalsSeen = queue.arrivalsSeen;
        const jobs = await Promise.all(
          Array.from({ length: wanted }, () =>
            this.fetchOne(queue).then((job) => job && this.start(job)),
          ),
        );
        const got = jobs.filter(Boolean).length;
        started += got;
        room -= got;
        if (got < wanted) {
          queue.foundEmpty(arrivalsSeen);
          break;
        }
        burst *= 2;
        wanted = Math.min(count - started, room, burst);
      }
    }
    return started;
  }

  private async fetchOne(queue: ServedQueue): Promise<Fetching | undefined> {
    const token = randomUUID();
    const job = await queue.fetch(token);
    return job && { job, token, queue };
  }

  private start({ job, token, queue }: Fetching): true {
    const controller = new AbortController();
    const id = job.id as string;
    const complete = (result: unknown) =>
      queue.complete(job, result, token, this.slotTakesNext(queue));
    const done = this.runner
      .run({ job, token, controller, complete })
      .catch((error: Error) => {
        this.logger.error(`Job ${id} could not be settled: ${error.message}`);
        return undefined;
      })
      .then((next) => {
        this.running.delete(id);
        if (next) {
          this.start({ job: next, token, queue });
        } else {
          this.wakeup.wake();
        }
      });
    this.running.set(id, { job, token, queue, controller, done });
    return true;
  }

  /**
   * Whether a slot that completes a job of `queue` may take the queue's next job in the
   * same round trip: not while stopping, and only when no queue served before it in its
   * lane may have a job (serving order). The slot stays with the queue, so its cap holds.
   */
  private slotTakesNext(queue: ServedQueue): boolean {
    if (this.stopping) {
      return false;
    }
    const lane = this.lanes.find((candidate) => candidate.queues.includes(queue));
    const before = lane?.queues.slice(0, lane.queues.indexOf(queue)) ?? [];
    return before.every((earlier) => !earlier.worthFetching());
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

  // Past the grace period: abort the attempts; those that stop hand their jobs back at
  // once, the others are picked up by live workers once their locks expire.
  private async releaseUnfinished(): Promise<void> {
    const unfinished = [...this.running.values()];
    for (const { job, controller } of unfinished) {
      this.logger.warn(`Job ${job.id} did not finish within SHUTDOWN_GRACE_MS; aborting it.`);
      controller.abort(new WorkerShutdownError());
    }
    await Promise.race([
      Promise.all(unfinished.map((r) => r.done)),
      new Promise((resolve) => setTimeout(resolve, ABORT_GRACE_MS).unref()),
    ]);
  }
}
