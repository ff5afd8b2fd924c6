import { PlatformConfig } from '@lib/config';
import { PlatformError } from '@lib/errors';
import { JobStatusReader, JobStatusRecorder } from '@lib/job-status';
import type { JobState, JobStatus, NewJobStatus, PendingQuotaReached } from '@lib/job-status';
import { PlatformMetrics } from '@lib/metrics';
import { Injectable } from '@nestjs/common';
import { DependencyCheck } from './dependency-check';
import { DispatchMarker, goesToRedis } from './dispatch-marker';
import type { DispatchRequest, DispatchResult } from './dispatch-request';
import { IdempotencyConflictError } from './idempotency-conflict.error';
import { JobHandOff } from './job-hand-off';
import { JobRowBuilder } from './job-row-builder';
import type { JobDraft } from './job-row-builder';
import { PendingJobsQuotaExceededError } from './pending-jobs-quota-exceeded.error';

/** What became of one request of a batch: its job, or the error it would get alone. */
export type DispatchOutcome = DispatchResult | PlatformError;

const keyOf = (tenantId: string, idempotencyKey: string) => `${tenantId}\n${idempotencyKey}`;

// A chain's later steps are keyed after its first, so a replay finds the whole chain.
const stepKey = (firstKey: string, step: number) => `${firstKey}#${step + 1}`;

/**
 * The one way a job comes to exist, for the API and the scheduler alike:
 * validate → record in Postgres → hand to Redis → mark dispatched. The row is
 * committed before Redis hears of the job, so no acknowledged job is unknown to
 * Postgres. A hand-off that fails (Redis down, slow, or this process dies) leaves the
 * row waiting, and the hand-off sweep (`@lib/recovery`) gives it to Redis later: the
 * job is acknowledged either way. Jobs created together (a batch, or concurrent
 * requests) share one INSERT and one Redis round trip.
 */
@Injectable()
export class JobDispatcher {
  constructor(
    private readonly rows: JobRowBuilder,
    private readonly dependencies: DependencyCheck,
    private readonly handOff: JobHandOff,
    private readonly marker: DispatchMarker,
    private readonly reader: JobStatusReader,
    private readonly recorder: JobStatusRecorder,
    private readonly metrics: PlatformMetrics,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * @throws UnknownJobTypeError, InvalidPayloadError, UnknownQueueError,
   *   UnknownDependencyError (nothing written)
   * @throws IdempotencyConflictError when the key was used for a different request
   */
  async dispatch(request: DispatchRequest): Promise<DispatchResult> {
    const [outcome] = await this.dispatchMany([request]);
    if (outcome instanceof PlatformError) {
      throw outcome;
    }
    return outcome;
  }

  /**
   * Dispatches each request as `dispatch` would, answering in order. A refused request
   * (invalid, or a key used for a different request) writes nothing and leaves the
   * others be. A key repeated within the batch is a replay of its first use.
   * @throws only what no single request causes (Postgres unreachable)
   */
  async dispatchMany(requests: readonly DispatchRequest[]): Promise<DispatchOutcome[]> {
    const drafts = await this.dependencies.refuseUnknown(
      await Promise.all(requests.map((request) => this.draft(request))),
    );
    const earlier = await this.jobsUnderKeys(drafts);
    const outcomes: DispatchOutcome[] = [];
    const fresh: Array<{ index: number; draft: JobDraft }> = [];
    const firstUse = new Map<string, JobDraft>();
    for (const [index, draft] of drafts.entries()) {
      if (draft instanceof PlatformError) {
        outcomes[index] = draft;
        continue;
      }
      const key = this.keyOfDraft(draft);
      const existing = key === undefined ? undefined : (earlier.get(key) ?? firstUse.get(key));
      if (existing) {
        outcomes[index] = replay(existing, draft.row.requestHash);
        continue;
      }
      if (key !== undefined) {
        firstUse.set(key, draft);
      }
      fresh.push({ index, draft });
    }
    const created = await this.create(fresh.map(({ draft }) => draft));
    fresh.forEach(({ index }, n) => (outcomes[index] = created[n]));
    return outcomes;
  }

  /**
   * Creates the steps as one chain, all or none, in one transaction: each step after the
   * first depends on the one before it (and waits until it completed). Only the first
   * step's idempotency key is given (a tick's): the others are keyed after it, and a
   * replay of it answers the chain created under it. Not held to tenant quotas.
   * @throws what `dispatch` throws for any step, with nothing written
   */
  async dispatchChain(steps: readonly DispatchRequest[]): Promise<DispatchResult[]> {
    const drafts = await Promise.all(steps.map((step) => this.rows.draft(step)));
    const [first] = drafts;
    const firstKey = first.row.idempotencyKey;
    const rows = drafts.map(({ row }, step) => ({
      ...row,
      idempotencyKey: firstKey === null || step === 0 ? firstKey : stepKey(firstKey, step),
      dependsOn: step === 0 ? row.dependsOn : [drafts[step - 1].row.id],
    }));
    const statuses = await this.recorder.createChain(rows);
    if (statuses === null) {
      return this.replayChain(rows);
    }
    rows.forEach((row) => this.metrics.jobsCreated.inc({ type: row.type, queue: row.queue }));
    if (goesToRedis(statuses[0]) && (await this.handOff.placeSoon(rows[0]))) {
      this.marker.markSoon(rows[0]);
    }
    return rows.map((row, step) => ({ jobId: row.id, status: statuses[step], created: true }));
  }

  private async replayChain(rows: readonly NewJobStatus[]): Promise<DispatchResult[]> {
    const existing = await this.jobsUnderKeys(rows.map((row) => ({ row })));
    return rows.map((row) => {
      const outcome = replay(
        existing.get(this.keyOfDraft({ row }) ?? '') as JobStatus,
        row.requestHash,
      );
      if (outcome instanceof PlatformError) {
        throw outcome;
      }
      return outcome;
    });
  }

  private draft(request: DispatchRequest): Promise<JobDraft | PlatformError> {
    return this.rows.draft(request).catch((error: unknown) => {
      if (error instanceof PlatformError) {
        return error;
      }
      throw error;
    });
  }

  private keyOfDraft({ row }: JobDraft): string | undefined {
    return row.idempotencyKey === null ? undefined : keyOf(row.tenantId, row.idempotencyKey);
  }

  private async jobsUnderKeys(
    drafts: ReadonlyArray<JobDraft | PlatformError>,
  ): Promise<Map<string, JobStatus>> {
    const keys = drafts.flatMap((draft) =>
      draft instanceof PlatformError || draft.row.idempotencyKey === null
        ? []
        : [{ tenantId: draft.row.tenantId, idempotencyKey: draft.row.idempotencyKey }],
    );
    const jobs = await this.reader.findByIdempotencyKeys(keys);
    return new Map(jobs.map((job) => [keyOf(job.tenantId, job.idempotencyKey ?? ''), job]));
  }

  /** Records the drafts (one INSERT), then hands the new rows to Redis (one round trip). */
  private async create(drafts: readonly JobDraft[]): Promise<DispatchOutcome[]> {
    const written = await Promise.all(drafts.map(({ row }) => this.record(row)));
    const lostRaces = drafts.filter((_, index) => written[index] === null);
    // Lost a race with an identical key: the other request's row is the job.
    const winners = await this.jobsUnderKeys(lostRaces);
    return Promise.all(
      drafts.map(async (draft, index) => {
        const answer = written[index];
        if (answer !== null && typeof answer === 'object') {
          const { pendingJobs, maxPendingJobs } = answer;
          return new PendingJobsQuotaExceededError(draft.row.tenantId, pendingJobs, maxPendingJobs);
        }
        if (answer === null) {
          return replay(
            winners.get(this.keyOfDraft(draft) ?? '') as JobStatus,
            draft.row.requestHash,
          );
        }
        const { row } = draft;
        this.metrics.jobsCreated.inc({ type: row.type, queue: row.queue });
        if (goesToRedis(answer) && (await this.handOff.placeSoon(row))) {
          this.marker.markSoon(row);
        }
        return { jobId: row.id, status: answer, created: true };
      }),
    );
  }

  /**
   * A tenant's job is held to its max_pending_jobs; a schedule's is not: schedules are the
   * platform's, and a tick refused for a quota would be lost rather than retried.
   */
  private record(row: NewJobStatus): Promise<JobState | null | PendingQuotaReached> {
    const quota = this.config.limits.tenantQuotas?.forTenant(row.tenantId);
    if (quota?.maxPendingJobs === undefined || row.scheduleName !== null) {
      return this.recorder.create(row);
    }
    return this.recorder.createWithinQuota(row, quota.maxPendingJobs);
  }
}

// A replayed row that was never handed over is the sweep's: it hands it over within seconds.
function replay(existing: JobStatus | JobDraft, hash: string | null): DispatchOutcome {
  const job = 'row' in existing ? existing.row : existing;
  if (job.requestHash !== hash) {
    return new IdempotencyConflictError(job.idempotencyKey ?? '', job.id);
  }
  return { jobId: job.id, status: job.status, created: false };
}
