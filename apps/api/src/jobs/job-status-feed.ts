import { PlatformConfig } from '@lib/config';
import { JobStatusReader, isTerminal } from '@lib/job-status';
import type { JobStatus } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { EMPTY, Observable, finalize, timeout } from 'rxjs';
import type { Subscriber } from 'rxjs';
import { TenantStreamCount } from './tenant-stream-count';

const POLL_MS = 200;

interface Watch {
  subscribers: Set<Subscriber<JobStatus>>;
  lastUpdate: number;
}

/**
 * Follows jobs for GET /job-status/:id/events. However many clients follow however many
 * jobs, one query every 200 ms reads them all, and only a change (a newer updated_at) is
 * sent. Postgres stays the only source: whichever worker runs the job, its writes show.
 * A tenant follows at most SSE_MAX_STREAMS_PER_TENANT jobs at once per process, and a
 * stream that sent nothing for SSE_IDLE_TIMEOUT_MS ends (a client may follow again).
 */
@Injectable()
export class JobStatusFeed implements OnModuleDestroy {
  private readonly logger = new Logger(JobStatusFeed.name);
  private readonly watches = new Map<string, Watch>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private readonly streams: TenantStreamCount;
  private readonly idleTimeoutMs: number;

  constructor(
    private readonly reader: JobStatusReader,
    config: PlatformConfig,
  ) {
    this.streams = new TenantStreamCount(config.limits.sseMaxStreamsPerTenant);
    this.idleTimeoutMs = config.limits.sseIdleTimeoutMs;
  }

  /**
   * The job now, then each change; completes after a terminal status, if the job is
   * deleted, or after SSE_IDLE_TIMEOUT_MS without a change.
   * @throws EventStreamsExceededError when the job's tenant follows the most jobs already
   */
  follow(current: JobStatus): Observable<JobStatus> {
    // Counted now, not on subscription, so that requests arriving together cannot all pass.
    const release = this.streams.reserve(current.tenantId);
    return this.changes(current).pipe(
      timeout({ each: this.idleTimeoutMs, with: () => EMPTY }),
      finalize(release),
    );
  }

  private changes(current: JobStatus): Observable<JobStatus> {
    return new Observable<JobStatus>((subscriber) => {
      subscriber.next(current);
      if (isTerminal(current.status)) {
        subscriber.complete();
        return undefined;
      }
      const watch = this.watches.get(current.id) ?? {
        subscribers: new Set(),
        lastUpdate: current.updatedAt.getTime(),
      };
      watch.subscribers.add(subscriber);
      this.watches.set(current.id, watch);
      this.timer ??= setInterval(() => void this.poll(), POLL_MS);
      return () => this.unwatch(current.id, subscriber);
    });
  }

  onModuleDestroy(): void {
    for (const watch of this.watches.values()) {
      watch.subscribers.forEach((subscriber) => subscriber.complete());
    }
    this.watches.clear();
    this.stopPolling();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      return;
    }
    this.polling = true;
    try {
      const ids = [...this.watches.keys()];
      const found = new Map((await this.reader.getMany(ids)).map((job) => [job.id, job]));
      for (const id of ids) {
        this.deliver(id, found.get(id));
      }
    } catch (error) {
      this.logger.warn(`Could not read followed jobs: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private deliver(id: string, job: JobStatus | undefined): void {
    const watch = this.watches.get(id);
    if (!watch || (job && job.updatedAt.getTime() <= watch.lastUpdate)) {
      return;
    }
    if (job) {
      watch.lastUpdate = job.updatedAt.getTime();
      watch.subscribers.forEach((subscriber) => subscriber.next(job));
    }
    if (!job || isTerminal(job.status)) {
      watch.subscribers.forEach((subscriber) => subscriber.complete());
    }
  }

  private unwatch(id: string, subscriber: Subscriber<JobStatus>): void {
    const watch = this.watches.get(id);
    watch?.subscribers.delete(subscriber);
    if (watch?.subscribers.size === 0) {
      this.watches.delete(id);
    }
    if (this.watches.size === 0) {
      this.stopPolling();
    }
  }

  private stopPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
