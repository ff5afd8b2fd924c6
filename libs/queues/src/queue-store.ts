import type { QueueBackendName } from '@lib/config';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { IQueueBackend, JobProgress, Queue, QueueEvents, Worker, WorkerOptions } from 'bullmq';
import type { QueueName } from './queue-names';

// BullMQ's classes are generic in their backend: these take either store's.
/* eslint-disable @typescript-eslint/no-explicit-any -- BullMQ's own defaults for data and results */
export type StoredQueue = Queue<any, any, string, any, any, string, IQueueBackend, any>;
export type StoredWorker = Worker<any, any, string, IQueueBackend, JobProgress, any>;
export type StoredQueueEvents = QueueEvents<any, IQueueBackend, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A worker's own choices for a BullMQ Worker; the store adds where the queue lives. */
export type ServedWorkerOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

/** Carries "cancel this running job" to every worker; the one running it aborts it. */
export interface CancellationChannel {
  /** Tells the workers; a message that is lost is read from Postgres within a second anyway. */
  publish(jobId: string): Promise<void>;
  /** @returns a function that stops listening */
  subscribe(onCancel: (jobId: string) => void): Promise<() => Promise<void>>;
}

/**
 * A value only a store that still holds this platform's data has: when it is gone or
 * changed, the store lost its data (a Redis FLUSHALL, a restart without persistence).
 */
export interface LossMarker {
  /** The epoch the store holds; null when it holds none (or its parts disagree). */
  read(): Promise<string | null>;
  write(epoch: string): Promise<void>;
  /** Where the marker lives, for messages. */
  readonly described: string;
}

/**
 * Where one app's queues live (QUEUE_BACKEND): Redis, or Postgres through BullMQ's Postgres
 * backend. Both give the same BullMQ Queue, Worker and QueueEvents; what BullMQ does not
 * cover (cancellation news, the audit's question "do you still hold these jobs?") each
 * answers in its own way.
 */
export abstract class QueueStore implements OnApplicationShutdown {
  private readonly opened: Array<StoredQueue | StoredWorker | StoredQueueEvents> = [];

  abstract readonly backend: QueueBackendName;
  /** Where, for messages and logs (no password). */
  abstract readonly described: string;
  abstract readonly cancellations: CancellationChannel;
  /** Null where the queues cannot be lost apart from the statuses (Postgres holds both). */
  abstract readonly lossMarker: LossMarker | null;

  queue(name: QueueName): StoredQueue {
    return this.opening(this.newQueue(name));
  }

  /** A Worker with no processor: jobs are fetched on demand (see the worker's QueueConsumer). */
  worker(name: QueueName, options: ServedWorkerOptions): StoredWorker {
    return this.opening(this.newWorker(name, options));
  }

  queueEvents(name: QueueName): StoredQueueEvents {
    return this.opening(this.newQueueEvents(name));
  }

  /**
   * Calls `onArrival` whenever a job may have become waiting, beside what QueueEvents
   * report (see PostgresQueueStore: its bulk adds tell waiting workers only).
   * @returns a function that stops watching
   */
  abstract watchArrivals(onArrival: () => void): Promise<() => Promise<void>>;

  /** For each id, in order: the queue holds that job and it has not finished there. */
  abstract heldUnfinished(queue: string, jobIds: readonly string[]): Promise<boolean[]>;

  /** Closes what it opened, then its connections. */
  async close(): Promise<void> {
    await Promise.all(this.opened.map((opened) => opened.close().catch(() => undefined)));
    await this.closeConnections();
  }

  // The producers' store is a provider: it closes when the app shuts down.
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  protected abstract newQueue(name: QueueName): StoredQueue;
  protected abstract newWorker(name: QueueName, options: ServedWorkerOptions): StoredWorker;
  protected abstract newQueueEvents(name: QueueName): StoredQueueEvents;
  protected abstract closeConnections(): Promise<void>;

  private opening<T extends StoredQueue | StoredWorker | StoredQueueEvents>(opened: T): T {
    this.opened.push(opened);
    return opened;
  }
}
