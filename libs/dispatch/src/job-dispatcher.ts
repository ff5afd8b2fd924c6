import { PlatformConfig } from '@lib/config';
import { PlatformError } from '@lib/errors';
import { HandOffLedger, JobStatusReader, JobStatusRecorder } from '@lib/job-status';
import type { CreatedJob, JobStatus, NewJobStatus, PendingQuotaReached } from '@lib/job-status';
import { PlatformMetrics } from '@lib/metrics';
import { Injectable, Logger } from '@nestjs/common';
import { DependencyCheck } from './dependency-check';
import { DispatchMarker, goesToRedis } from './dispatch-marker';
import type { DispatchRequest, DispatchResult } from './dispatch-request';
import { IdempotencyConflictError } from './idempotency-conflict.error';
import { JobHandOff } from './job-hand-off';
import { JobRowBuilder } from './job-row-builder';
import type { JobDraft } from './job-row-builder';
import { PendingJobsQuotaExceededError } from './pending-jobs-quota-exceeded.error';

/** A job this call wrote, and how. */
interface NewlyWritten {
  row: NewJobStatus;
  created: CreatedJob;
}

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
  private readonly logger = new Logger('dispatch');

  constructor(
    private readonly rows: JobRowBuilder,
    private readonly dependencies: DependencyCheck,
    private readonly handOff: JobHandOff,
    private readonly marker: DispatchMarker,
    private readonly reader: JobStatusReader,
    private readonly recorder: JobStatusRecorder,
    private readonly ledger: HandOffLedger,
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
    const written = await this.recorder.createChain(rows);
    if (written === null) {
      return this.replayChain(rows);
    }
    rows.forEach((row) => this.metrics.jobsCreated.inc({ type: row.type, queue: row.queue }));
    await this.handOver([{ row: rows[0], created: written[0] }]);
    return rows.map((row, step) => ({
      jobId: row.id,
      status: written[step].status,
      created: true,
    }));
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
    const fresh: NewlyWritten[] = [];
    const outcomes = drafts.map((draft, index): DispatchOutcome => {
      const answer = written[index];
      if (answer !== null && 'maxPendingJobs' in answer) {
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
      fresh.push({ row, created: answer });
      return { jobId: row.id, status: answer.status, created: true };
    });
    await this.handOver(fresh);
    return outcomes;
  }

  /**
   * Hands the new jobs that go to Redis now over (one round trip), and wakes the sweep for
   * those held back for their turn: one announcement per (queue, tenant) line is enough,
   * since the sweep then serves the whole line as room allows.
   */
  private async handOver(jobs: readonly NewlyWritten[]): Promise<void> {
    const lines = new Map<string, string>();
    await Promise.all(
      jobs.map(async ({ row, created }) => {
        if (created.heldBack) {
          lines.set(`${row.queue}\n${row.tenantId}`, row.id);
        } else if (goesToRedis(created.status) && (await this.handOff.placeSoon(row))) {
          this.marker.markSoon(row);
        }
      }),
    );
    if (lines.size > 0) {
      // The rows are written: should the announcement be lost, the periodic sweep finds them.
      await this.ledger.announceHeldBack([...lines.values()]).catch((error: Error) => {
        this.logger.debug(`Jobs held back, not announced: ${error.message}`);
      });
    }
  }

  /**
   * A tenant's job is held to its max_pending_jobs; a schedule's is not: schedules are the
   * platform's, and a tick refused for a quota would be lost rather than retried.
   */
  private record(row: NewJobStatus): Promise<CreatedJob | null | PendingQuotaReached> {
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
