import { quotedIdentifier } from '@lib/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TERMINAL_STATES, sqlStates } from './job-state';
import { partitionDayOf } from './partition-day';
import type { PartitionDay } from './partition-day';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Days of partitions kept ahead of today. A job's created_at is always the time of its
 * insert and there is no DEFAULT partition, so a day without a partition refuses every
 * create: a week ahead lets the scheduler be down that long before it matters, and empty
 * partitions cost next to nothing.
 */
export const PARTITION_DAYS_AHEAD = 7;

// The names job_statuses_create_partitions() gives (migration 1764850000000): one UTC day.
const PARTITION_NAME = /^job_statuses_p(\d{4})(\d{2})(\d{2})$/;

// Dropping a partition needs an exclusive lock on job_statuses, which every read and write
// of the table waits behind: give up soon and try at the next sweep rather than stall them.
const LOCK_TIMEOUT = `SET LOCAL lock_timeout = '2s'`;

interface Partition extends PartitionDay {
  name: string;
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The daily partitions of job_statuses: made ahead of time, and dropped whole once every
 * row in them finished before the retention cutoff.
 *
 * Daily, fixed: retention is counted in days (JOB_RETENTION_DAYS), so a day is the finest
 * step a drop can take, and with the default 7 days there are about 15 partitions (the
 * retention window and the days ahead), few enough that a read which cannot prune by
 * created_at (a read by id) probes each one's index in well under a millisecond.
 */
@Injectable()
export class JobStatusPartitioner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates the missing partitions from `now`'s UTC day to PARTITION_DAYS_AHEAD days after.
   * Several processes may call it at once (see job_statuses_create_partitions()).
   * @returns how many partitions were created
   */
  async createAhead(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_TIMEOUT);
      const [{ created }] = await manager.query<Array<{ created: number }>>(
        'SELECT job_statuses_create_partitions($1::date, $2::date) AS created',
        [utcDay(now), utcDay(new Date(now.getTime() + PARTITION_DAYS_AHEAD * DAY_MS))],
      );
      return created;
    });
  }

  /**
   * Drops each partition whose day ended by `cutoff` and all of whose rows are final with a
   * finished_at before `cutoff`, with the idempotency keys and webhook deliveries of its
   * jobs. A partition that still holds an unfinished job, or one finished since, is kept:
   * JobStatusPruner deletes its expired rows one by one.
   * @returns the names of the partitions dropped
   */
  async dropFinishedBefore(cutoff: Date): Promise<string[]> {
    const dropped: string[] = [];
    for (const partition of await this.partitions()) {
      if (
        partition.to > cutoff ||
        (await this.holdsKeptRows(this.dataSource.manager, partition, cutoff))
      ) {
        continue;
      }
      if (await this.drop(partition, cutoff)) {
        dropped.push(partition.name);
      }
    }
    return dropped;
  }

  private async partitions(): Promise<Partition[]> {
    const rows = await this.dataSource.query<Array<{ name: string }>>(
      `SELECT c.relname AS name FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'job_statuses'::regclass ORDER BY c.relname`,
    );
    return rows.flatMap(({ name }) => {
      const day = PARTITION_NAME.exec(name);
      if (!day) {
        return [];
      }
      return [{ name, ...partitionDayOf(new Date(`${day[1]}-${day[2]}-${day[3]}T00:00:00Z`)) }];
    });
  }

  // Checked once without a lock, so that a kept partition never takes the exclusive lock,
  // then again under it: a job may have been retried in between.
  private async holdsKeptRows(
    manager: EntityManager,
    partition: Partition,
    cutoff: Date,
  ): Promise<boolean> {
    const [{ kept }] = await manager.query<Array<{ kept: boolean }>>(
      `SELECT EXISTS (
         SELECT 1 FROM ${quotedIdentifier(partition.name)}
         WHERE status NOT IN (${sqlStates(TERMINAL_STATES)}) OR finished_at IS NULL
            OR finished_at >= $1) AS kept`,
      [cutoff],
    );
    return kept;
  }

  private async drop(partition: Partition, cutoff: Date): Promise<boolean> {
    const table = quotedIdentifier(partition.name);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_TIMEOUT);
      // The parent first, as every statement on job_statuses locks it before its partitions.
      await manager.query('LOCK TABLE job_statuses IN ACCESS EXCLUSIVE MODE');
      if (await this.holdsKeptRows(manager, partition, cutoff)) {
        return false;
      }
      // Rows that refer to the partition keep it from being detached.
      for (const referring of ['job_idempotency_keys', 'webhook_deliveries']) {
        await manager.query(
          `DELETE FROM ${referring} WHERE job_created_at >= $1 AND job_created_at < $2`,
          [partition.from, partition.to],
        );
      }
      await manager.query(`ALTER TABLE job_statuses DETACH PARTITION ${table}`);
      await manager.query(`DROP TABLE ${table}`);
      return true;
    });
  }
}
