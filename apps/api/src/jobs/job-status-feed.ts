import { PlatformConfig } from '@lib/config';
import { JobStatusReader, isTerminal } from '@lib/job-status';
import type { JobStatus } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { EMPTY, Observable, finalize, timeout } from 'rxjs';
import type { Subscriber } from 'rxjs';
import { TenantStreamCount } from './tenant-stream-count';

const POLL_MS = 200;

/** A followed job's subscribers, each with the newest row version it was sent (or has). */
type Watch = Map<Subscriber<JobStatus>, number>;

/**
 * Follows jobs for GET /job-status/:id/events. However many clients follow however many
 * jobs, one query every 200 ms reads them all, and only a change (a higher row version) is
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
   * @param afterVersion the client has every version up to this one (its Last-Event-ID):
   *   only later versions are sent
   * @throws EventStreamsExceededError when the job's tenant follows the most jobs already
   */
  follow(current: JobStatus, afterVersion = 0): Observable<JobStatus> {
    // Counted now, not on subscription, so that requests arriving together cannot all pass.
    const release = this.streams.reserve(current.tenantId);
    return this.changes(current, afterVersion).pipe(
      timeout({ each: this.idleTimeoutMs, with: () => EMPTY }),
      finalize(release),
    );
  }

  private changes(current: JobStatus, afterVersion: number): Observable<JobStatus> {
    return new Observable<JobStatus>((subscriber) => {
      if (Number(current.version) > afterVersion) {
        subscriber.next(current);
      }
      if (isTerminal(current.status)) {
        subscriber.complete();
        return undefined;
      }
      // Each subscriber keeps its own version: one that joins a watch between two polls
      // may have been sent a newer version than the others, and must not get it twice.
      const watch: Watch = this.watches.get(current.id) ?? new Map<Subscriber<JobStatus>, number>();
      watch.set(subscriber, Math.max(Number(current.version), afterVersion));
      this.watches.set(current.id, watch);
      this.timer ??= setInterval(() => void this.poll(), POLL_MS);
      return () => this.unwatch(current.id, subscriber);
    });
  }

  onModuleDestroy(): void {
    for (const watch of this.watches.values()) {
      [...watch.keys()].forEach((subscriber) => subscriber.complete());
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
    if (!watch) {
      return;
    }
    const version = job ? Number(job.version) : 0;
    for (const [subscriber, sent] of [...watch]) {
      if (job && version > sent) {
        watch.set(subscriber, version);
        subscriber.next(job);
      }
      if (!job || isTerminal(job.status)) {
        subscriber.complete();
      }
    }
  }

  private unwatch(id: string, subscriber: Subscriber<JobStatus>): void {
    const watch = this.watches.get(id);
    watch?.delete(subscriber);
    if (watch?.size === 0) {
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
