import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TERMINAL_STATES, sqlStates } from './job-state';
import { partitionDayOf } from './partition-day';

const BATCH = 500;

/** Deletes the statuses of jobs that finished long ago (JOB_RETENTION_DAYS). */
@Injectable()
export class JobStatusPruner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Deletes every job that finished before `cutoff`, a small batch per statement, so no
   * statement holds many row locks or runs long; rows another session has locked are
   * left for the next sweep. Several schedulers may sweep at once.
   *
   * But those of the partition (day) `cutoff` falls in: that day will be dropped whole
   * (JobStatusPartitioner) once it is wholly past the cutoff, so its jobs are kept up to a
   * day longer rather than deleted one by one. Should it still hold a job unfinished or
   * finished since, its expired rows are deleted here from then on.
   * @returns how many were deleted
   */
  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const spared = partitionDayOf(cutoff);
    let deleted = 0;
    for (;;) {
      const [rows] = await this.dataSource.query<[unknown[], number]>(
        `DELETE FROM job_statuses WHERE id IN (
           SELECT id FROM job_statuses
           WHERE status IN (${sqlStates(TERMINAL_STATES)}) AND finished_at < $1
             AND (created_at < $2 OR created_at >= $3)
           ORDER BY finished_at
           LIMIT ${BATCH}
           FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [cutoff, spared.from, spared.to],
      );
      deleted += rows.length;
      if (rows.length < BATCH) {
        return deleted;
      }
    }
  }
}
