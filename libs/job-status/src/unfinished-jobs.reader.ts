import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UNFINISHED_STATES, sqlStates } from './job-state';
import type { JobState } from './job-state';

/** An unfinished row as the Redis audit needs it. */
export interface UnfinishedJob {
  id: string;
  queue: string;
  status: JobState;
  leaseId: string | null;
  attempts: number;
  /** False when no worker beat for the running attempt within the stall timeout. */
  workerAlive: boolean;
}

interface UnfinishedRow {
  id: string;
  queue: string;
  status: JobState;
  lease_id: string | null;
  attempts: number;
  worker_alive: boolean;
}

/** Pages through unfinished jobs by id, never touching the finished history. */
@Injectable()
export class UnfinishedJobsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Unfinished jobs with an id above `afterId` that were handed to Redis more than
   * `settledMs` ago (younger hand-offs may still be on their way).
   */
  async page(
    afterId: string,
    limit: number,
    { stallMs, settledMs }: { stallMs: number; settledMs: number },
  ): Promise<UnfinishedJob[]> {
    const rows = await this.dataSource.query<UnfinishedRow[]>(
      `SELECT j.id, j.queue, j.status, j.lease_id, j.attempts,
              (w.heartbeat_at > now() - make_interval(secs => $3::int / 1000.0)) IS TRUE
                AS worker_alive
       FROM job_statuses j LEFT JOIN job_workers w ON w.id = j.worker_id
       WHERE j.status IN (${sqlStates(UNFINISHED_STATES)}) AND j.id > $1
         AND j.dispatched_at < now() - make_interval(secs => $4::int / 1000.0)
       ORDER BY j.id
       LIMIT $2`,
      [afterId, limit, stallMs, settledMs],
    );
    return rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      status: row.status,
      leaseId: row.lease_id,
      attempts: row.attempts,
      workerAlive: row.worker_alive,
    }));
  }
}
