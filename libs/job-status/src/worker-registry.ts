import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// A worker silent this long is surely gone; its row is only kept for the audit's join.
const FORGET_WORKERS_AFTER = '1 day';

/**
 * Worker processes say here that they are alive. Recovery reads it to tell a running job
 * whose worker died from one still running, even when Redis lost BullMQ's locks.
 */
@Injectable()
export class WorkerRegistry {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records that `workerId` is alive, and answers which of the jobs it runs have a cancel
   * accepted in Postgres: the worker aborts those even if their Redis message was lost.
   */
  async beat(workerId: string, runningIds: readonly string[]): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `WITH beat AS (
         INSERT INTO job_workers (id, heartbeat_at) VALUES ($1, now())
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()
       )
       SELECT id FROM job_statuses WHERE id = ANY($2::uuid[]) AND cancel_requested_at IS NOT NULL`,
      [workerId, runningIds],
    );
    return rows.map((row) => row.id);
  }

  /** A worker that stops cleanly leaves; long-silent ones are forgotten. */
  async leave(workerId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM job_workers
       WHERE id = $1 OR heartbeat_at < now() - interval '${FORGET_WORKERS_AFTER}'`,
      [workerId],
    );
  }
}
