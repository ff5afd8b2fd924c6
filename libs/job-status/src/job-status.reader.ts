import { SeqCursor } from '@lib/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { InvalidCursorError } from './invalid-cursor.error';
import type { JobState } from './job-state';
import { JobNotFoundError } from './job-not-found.error';
import { JobStatus } from './job-status.entity';
import { readJobList } from './job-list.statement';
import { readJobRows } from './job-rows.statement';

/** Columns a list may leave unread: the jsonb a job writes, which can be large. */
export type JobListColumn = 'payload' | 'result' | 'progress' | 'error' | 'errors';

/** Filters and page of `GET /jobs`. */
export interface JobListQuery {
  /** Only this tenant's jobs are listed. */
  tenantId: string;
  status?: JobState;
  type?: string;
  queue?: string;
  /** Jobs per page. */
  limit: number;
  cursor?: string;
  /** Columns not to read: the jobs come back without them (undefined). */
  leaveOut?: readonly JobListColumn[];
}

export interface JobPage {
  jobs: JobStatus[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const CURSOR = new SeqCursor('seq', (cursor) => new InvalidCursorError(cursor));

/** Reads job statuses for the API. */
@Injectable()
export class JobStatusReader {
  constructor(@InjectRepository(JobStatus) private readonly jobs: Repository<JobStatus>) {}

  /**
   * The job, when it belongs to `tenantId`.
   * @throws JobNotFoundError for an unknown id and for another tenant's job alike
   */
  async get(id: string, tenantId: string): Promise<JobStatus> {
    const [job] = await readJobRows(this.jobs.manager.connection, {
      condition: 'job.id = $1 AND job.tenant_id = $2',
      values: [id, tenantId],
    });
    if (!job) {
      throw new JobNotFoundError(id);
    }
    return job;
  }

  /** The jobs among `ids` that exist, in no particular order. */
  getMany(ids: readonly string[]): Promise<JobStatus[]> {
    return this.jobs.findBy({ id: In([...ids]) });
  }

  /** The jobs in `jobId`'s depends_on, in that order, each as it ended (or is now). */
  dependencyResults(
    jobId: string,
  ): Promise<Array<{ id: string; type: string; status: JobState; result: unknown }>> {
    return this.jobs.query(
      `SELECT d.id, d.type, d.status, d.result
       FROM job_statuses j, unnest(j.depends_on) WITH ORDINALITY AS u(id, n)
       JOIN job_statuses d ON d.id = u.id
       WHERE j.id = $1
       ORDER BY u.n`,
      [jobId],
    );
  }

  /** Which of `ids` are jobs of `tenantId`. */
  async idsOfTenant(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.jobs
      .createQueryBuilder('job')
      .select('job.id', 'id')
      .where('job.tenant_id = :tenantId AND job.id = ANY(:ids)', { tenantId, ids })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  /** The jobs created under these (tenant, idempotency key) pairs, in one query. */
  async findByIdempotencyKeys(
    keys: ReadonlyArray<{ tenantId: string; idempotencyKey: string }>,
  ): Promise<JobStatus[]> {
    if (keys.length === 0) {
      return [];
    }
    return this.jobs
      .createQueryBuilder('job')
      .where(
        '(job.tenant_id, job.idempotency_key) IN (SELECT * FROM unnest(CAST(:tenants AS text[]), CAST(:keys AS text[])))',
        { tenants: keys.map((k) => k.tenantId), keys: keys.map((k) => k.idempotencyKey) },
      )
      .getMany();
  }

  /**
   * The jobs of each named schedule's newest run, oldest first: the jobs that share its
   * newest job's scheduled_for (one, or a chain's). Schedules without a job are absent.
   */
  async lastRunsOfSchedules(names: readonly string[]): Promise<Map<string, JobStatus[]>> {
    // The newest run walks job_statuses_schedule_idx backwards from each schedule's newest row.
    const jobs = await this.jobs
      .createQueryBuilder('job')
      .where('job.schedule_name = ANY(:names)', { names })
      .andWhere(
        `(job.schedule_name, job.scheduled_for) IN (
          SELECT DISTINCT ON (schedule_name) schedule_name, scheduled_for FROM job_statuses
           WHERE schedule_name = ANY(:names) ORDER BY schedule_name, seq DESC)`,
      )
      .orderBy('job.seq')
      .getMany();
    const runs = new Map<string, JobStatus[]>();
    for (const job of jobs) {
      const name = job.scheduleName ?? '';
      runs.set(name, [...(runs.get(name) ?? []), job]);
    }
    return runs;
  }

  /** The tenant's jobs newest first, `limit` at a time, continuing below `cursor`. */
  async list(query: JobListQuery): Promise<JobPage> {
    // The tenant comes first in job_statuses_tenant_seq and job_statuses_tenant_status_seq.
    // Left-out columns are never detoasted: a page of large payloads costs nothing to skip.
    const rows = await readJobList(this.jobs.manager.connection, {
      tenantId: query.tenantId,
      status: query.status,
      type: query.type,
      queue: query.queue,
      seq: query.cursor === undefined ? undefined : CURSOR.decode(query.cursor),
      limit: query.limit + 1,
      leaveOut: query.leaveOut ?? [],
    });
    const jobs = rows.slice(0, query.limit);
    const hasMore = rows.length > query.limit;
    return { jobs, nextCursor: hasMore ? CURSOR.encode(jobs[jobs.length - 1].seq) : null };
  }
}
