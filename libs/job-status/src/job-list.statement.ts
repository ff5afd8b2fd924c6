import type { DataSource } from 'typeorm';
import type { JobStatus } from './job-status.entity';
import { readJobRows } from './job-rows.statement';

/** What a page of `GET /jobs` asks for; `seq` is the decoded cursor. */
export interface JobListShape {
  tenantId: string;
  status?: string;
  type?: string;
  queue?: string;
  seq?: string;
  /** Rows to read. */
  limit: number;
  /** Property names of columns not to read. */
  leaveOut: readonly string[];
}

const FILTERS = ['status', 'type', 'queue'] as const;

/** A page of the job history, one prepared statement per shape (the filters given, the columns left out). */
export function readJobList(dataSource: DataSource, shape: JobListShape): Promise<JobStatus[]> {
  const values: unknown[] = [shape.tenantId];
  const where = ['job.tenant_id = $1'];
  for (const filter of FILTERS) {
    if (shape[filter] !== undefined) {
      values.push(shape[filter]);
      where.push(`job.${filter} = $${values.length}`);
    }
  }
  if (shape.seq !== undefined) {
    values.push(shape.seq);
    where.push(`job.seq < $${values.length}`);
  }
  values.push(shape.limit);
  const condition = `${where.join(' AND ')} ORDER BY job.seq DESC LIMIT $${values.length}`;
  return readJobRows(dataSource, { condition, values, leaveOut: shape.leaveOut });
}
