import { createHash } from 'node:crypto';
import { preparedQuery } from '@lib/database';
import { escapeIdentifier } from 'pg';
import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { JobStatus } from './job-status.entity';

/** A read of whole job rows: which rows, and which columns not to read. */
export interface JobRowsRead {
  /** The WHERE condition and anything after it (ORDER BY, LIMIT), on alias `job`. */
  condition: string;
  values: unknown[];
  /** Property names of columns not to read. */
  leaveOut?: readonly string[];
}

/**
 * Job rows as a named prepared statement, one per statement text: over the daily
 * partitions, planning a read costs more than running it, and a prepared statement is
 * planned once per connection. The rows are made into JobStatus entities as TypeORM's own
 * reads make them (its driver's hydration).
 */
export async function readJobRows(
  dataSource: DataSource,
  { condition, values, leaveOut = [] }: JobRowsRead,
): Promise<JobStatus[]> {
  const metadata = dataSource.getMetadata(JobStatus);
  const columns = metadata.columns.filter(
    (column) => column.isSelect && !leaveOut.includes(column.propertyName),
  );
  const text = `SELECT ${columns.map(selected).join(', ')} FROM job_statuses job WHERE ${condition}`;
  // One name, one text: the statement's name is its text's digest.
  const name = `job_rows_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
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
