import { createHash } from 'node:crypto';
import { preparedQuery } from '@lib/database';
import { escapeIdentifier } from 'pg';
import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { JobStatus } from './job-status.entity';

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

/**
 * A page of the job history as a named prepared statement, one per shape (the filters
 * given, the columns left out): over the daily partitions, planning a page costs more than
 * running it, and a prepared statement is planned once per connection. The rows are made
 * into JobStatus entities as TypeORM's own reads make them (its driver's hydration).
 */
export async function readJobList(
  dataSource: DataSource,
  shape: JobListShape,
): Promise<JobStatus[]> {
  const metadata = dataSource.getMetadata(JobStatus);
  const columns = metadata.columns.filter(
    (column) => column.isSelect && !shape.leaveOut.includes(column.propertyName),
  );
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
  const text =
    `SELECT ${columns.map(selected).join(', ')} FROM job_statuses job ` +
    `WHERE ${where.join(' AND ')} ORDER BY job.seq DESC LIMIT $${values.length}`;
  // One name, one text: the statement's name is its text's digest.
  const name = `job_list_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  const rows = await preparedQuery<Record<string, unknown>>(dataSource, name, text, values);
  return rows.map((row) => {
    const job = metadata.create() as JobStatus;
    for (const column of columns) {
      const value: unknown = dataSource.driver.prepareHydratedValue(
        row[column.propertyName],
        column,
      );
      column.setEntityValue(job, value);
    }
    return job;
  });
}

function selected(column: ColumnMetadata): string {
  const source =
    column.isVirtualProperty && column.query
      ? `(${column.query('job')})`
      : `job.${escapeIdentifier(column.databaseName)}`;
  return `${source} AS ${escapeIdentifier(column.propertyName)}`;
}
