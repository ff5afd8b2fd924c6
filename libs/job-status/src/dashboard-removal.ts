import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import { JOB_STATES, WAITING_STATES, sqlStates } from './job-state';
import { orderedUpdate } from './ordered-update.sql';

/** Why waiting jobs were cancelled; `attempt` is filled in per job (see WaitingJobCanceller). */
export type WaitingJobRemoval = Omit<JobError, 'attempt'>;

// Anything else cannot be a row id, and would make the uuid[] cast fail the whole statement.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The attempt the removal prevented: 1 for a job that never ran, the next one for a retry.
const REMOVAL_ERROR = "$2::jsonb || jsonb_build_object('attempt', j.attempts + 1)";

const CANCEL = {
  set: `status = $3, finished_at = now(), updated_at = now(),
        cancel_requested_at = COALESCE(j.cancel_requested_at, now()),
        error = ${REMOVAL_ERROR}, errors = j.errors || jsonb_build_array(${REMOVAL_ERROR})`,
  // A running job is never cancelled here: its worker holds it, and finished jobs keep their outcome.
  fence: `j.status IN (${sqlStates(WAITING_STATES)})`,
};

/**
 * Cancels jobs whose waiting copy is removed from Redis by hand (the dashboard), so that
 * Postgres never calls a job queued that no worker will ever fetch. Only jobs still
 * waiting (queued, scheduled, retrying) are cancelled; each row gets `error` set to the
 * reason and appended to `errors`, with `attempt` the attempt that will not run.
 * Rows are locked in id order, like the recorder's batches, so the two cannot deadlock.
 */
@Injectable()
export class WaitingJobCanceller {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Cancels these jobs where they still wait; ids that are not UUIDs are skipped.
   * @returns the ids it cancelled
   */
  async cancelIds(ids: string[], reason: WaitingJobRemoval): Promise<string[]> {
    const rowIds = ids.filter((id) => UUID.test(id));
    if (rowIds.length === 0) {
      return [];
    }
    return this.cancel(
      orderedUpdate({ source: 'unnest($1::uuid[]) AS v(id)', ...CANCEL }),
      rowIds,
      reason,
    );
  }

  /**
   * Cancels every waiting job of a queue, found in Postgres rather than in Redis: Redis
   * may hold fewer (a copy lost, or a hand-off that never happened).
   * @returns the ids it cancelled
   */
  async cancelQueue(queue: string, reason: WaitingJobRemoval): Promise<string[]> {
    return this.cancel(
      orderedUpdate({
        source: `(SELECT id FROM job_statuses WHERE queue = $1 AND status IN (${sqlStates(WAITING_STATES)})) AS v`,
        ...CANCEL,
      }),
      queue,
      reason,
    );
  }

  private async cancel(
    sql: string,
    target: string[] | string,
    reason: WaitingJobRemoval,
  ): Promise<string[]> {
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(sql, [
      target,
      JSON.stringify(reason),
      JOB_STATES.cancelled,
    ]);
    return rows.map((row) => row.id);
  }
}
