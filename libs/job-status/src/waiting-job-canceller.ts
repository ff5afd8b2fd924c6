import { PlatformMetrics } from '@lib/metrics';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobError } from './job-error';
import { TRANSITIONS } from './job-transitions';

/** Why waiting jobs were cancelled; `attempt` is filled in per job (see WaitingJobCanceller). */
export type WaitingJobRemoval = Omit<JobError, 'attempt'>;

// Anything else cannot be a row id, and would make the uuid[] cast fail the whole statement.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Cancels jobs whose waiting copy is removed from Redis by hand (the dashboard), so that
 * Postgres never calls a job queued that no worker will ever fetch. Only jobs still
 * waiting (queued, scheduled, retrying) are cancelled; each row gets `error` set to the
 * reason and appended to `errors`, with `attempt` the attempt that will not run.
 * Its statements are the `removedByDashboard` transitions (job-transitions.ts).
 */
@Injectable()
export class WaitingJobCanceller {
  /** @param metrics where cancellations are counted; absent outside an app (tests) */
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  /**
   * Cancels these jobs where they still wait; ids that are not UUIDs are skipped.
   * @returns the ids it cancelled
   */
  async cancelIds(ids: string[], reason: WaitingJobRemoval): Promise<string[]> {
    const rowIds = ids.filter((id) => UUID.test(id));
    if (rowIds.length === 0) {
      return [];
    }
    return this.cancel(TRANSITIONS.removedByDashboard, rowIds, reason);
  }

  /**
   * Cancels every waiting job of a queue, found in Postgres rather than in Redis: Redis
   * may hold fewer (a copy lost, or a hand-off that never happened).
   * @returns the ids it cancelled
   */
  async cancelQueue(queue: string, reason: WaitingJobRemoval): Promise<string[]> {
    return this.cancel(TRANSITIONS.queueRemovedByDashboard, queue, reason);
  }

  private async cancel(
    sql: string,
    target: string[] | string,
    reason: WaitingJobRemoval,
  ): Promise<string[]> {
    const [rows] = await this.dataSource.query<
      [Array<{ id: string; type: string; queue: string }>, number]
    >(sql, [target, JSON.stringify(reason)]);
    rows.forEach(({ type, queue }) => this.metrics?.jobsCancelled.inc({ type, queue }));
    return rows.map((row) => row.id);
  }
}
