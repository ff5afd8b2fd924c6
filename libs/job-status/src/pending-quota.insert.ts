import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { NewJobStatus } from './job-status.entity';
import { UNFINISHED_STATES, sqlStates } from './job-state';
import { createdJob } from './created-job';
import type { CreatedJob, CreatedRow } from './created-job';
import { JOBS_CREATED } from './job-transitions';
import { newJobColumns } from './new-job-columns';

/** A job held to its tenant's max_pending_jobs. */
export interface QuotaBoundJob {
  job: NewJobStatus;
  maxPendingJobs: number;
}

/** Why a job was not written: its tenant already had this many unfinished jobs. */
export interface PendingQuotaReached {
  readonly pendingJobs: number;
  readonly maxPendingJobs: number;
}

// Tenants in a fixed order, so that two groups naming the same tenants never deadlock.
// A lock per tenant, not one for all: one tenant's creates never wait for another's.
const LOCK_TENANTS = `
  SELECT count(pg_advisory_xact_lock(hashtextextended('job_statuses.pending:' || tenant, 0)))
  FROM (SELECT DISTINCT tenant FROM unnest($1::text[]) AS tenant ORDER BY tenant) AS locked`;

// LIMIT max: the count stops at the quota, however many jobs wait (index-only on
// job_statuses_pending_tenant_idx).
const COUNT_PENDING = `
  SELECT quota.tenant,
         (SELECT count(*) FROM (
            SELECT 1 FROM job_statuses
            WHERE tenant_id = quota.tenant AND status IN (${sqlStates(UNFINISHED_STATES)})
            LIMIT quota.max) AS pending)::int AS pending
  FROM unnest($1::text[], $2::int[]) AS quota(tenant, max)`;

/**
 * Writes the jobs that fit their tenant's max_pending_jobs, in order, and answers for each:
 * how it was written, null when not written (its idempotency key was taken), or the quota it met.
 *
 * Exact across API processes: counting and inserting happen in one transaction holding a
 * transaction-level advisory lock per tenant, so a second process counts only after the
 * first committed its rows (READ COMMITTED takes a fresh snapshot per statement). Chosen
 * over an INSERT…SELECT guarded by a count, which would let concurrent statements each
 * see room and overshoot by up to a batch per process. Its cost, paid only when a quota
 * applies: four more round trips per group, and groups of one tenant written one at a time.
 */
export async function insertWithinQuotas(
  dataSource: DataSource,
  entries: readonly QuotaBoundJob[],
): Promise<Array<CreatedJob | null | PendingQuotaReached>> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const answers = await decideAndInsert(client, entries);
    await client.query('COMMIT');
    return answers;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function decideAndInsert(
  client: PoolClient,
  entries: readonly QuotaBoundJob[],
): Promise<Array<CreatedJob | null | PendingQuotaReached>> {
  const maxOf = new Map(entries.map(({ job, maxPendingJobs }) => [job.tenantId, maxPendingJobs]));
  const tenants = [...maxOf.keys()];
  await client.query({ name: 'job_quota_lock', text: LOCK_TENANTS, values: [tenants] });
  const { rows } = await client.query<{ tenant: string; pending: number }>({
    name: 'job_quota_count',
    text: COUNT_PENDING,
    values: [tenants, tenants.map((tenant) => maxOf.get(tenant))],
  });
  const pending = new Map(rows.map((row) => [row.tenant, row.pending]));
  const decisions = entries.map(({ job, maxPendingJobs }): NewJobStatus | PendingQuotaReached => {
    const count = pending.get(job.tenantId) ?? 0;
    if (count >= maxPendingJobs) {
      return { pendingJobs: count, maxPendingJobs };
    }
    pending.set(job.tenantId, count + 1);
    return job;
  });
  const admitted = decisions.filter((d): d is NewJobStatus => 'id' in d);
  const written = new Map<string, CreatedJob>();
  if (admitted.length > 0) {
    const inserted = await client.query<CreatedRow>({
      name: 'job_statuses_created',
      text: JOBS_CREATED,
      values: newJobColumns(admitted),
    });
    inserted.rows.forEach((row) => written.set(row.id, createdJob(row)));
  }
  return decisions.map((d) => ('id' in d ? (written.get(d.id) ?? null) : d));
}
