import { readFile } from 'node:fs/promises';
import { cancelOnAbort } from '@lib/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { BaseJob } from '../base-job';
import { PermanentJobError } from '../errors/permanent-job.error';
import type { JobContext } from '../job-context';
import { SqlTransformPayload } from './sql-transform.payload';
import { TransformCatalogue } from './transform-catalogue';

export interface SqlTransformResult {
  transform: string;
  /** Rows the statement inserted, updated, deleted or returned (Postgres's row count). */
  rows: number;
}

// Class 42 is the statement itself or the tables it names (syntax, a missing relation or
// column, a privilege): the same file fails the same way on every attempt.
const STATEMENT_MISFIT = '42';

const ONE_HOUR_MS = 60 * 60_000;

/**
 * Runs one transform of TRANSFORM_DIR (`<name>.sql`, one statement) in a transaction, e.g.
 * `INSERT INTO daily_stats … SELECT … FROM daily_imports`, and reports its row count. A
 * request only names the file: the SQL is the operator's, never the caller's.
 */
@Injectable()
export class SqlTransformJob extends BaseJob<SqlTransformPayload, SqlTransformResult> {
  readonly type = 'sql_transform';
  readonly payloadClass = SqlTransformPayload;
  override readonly defaultQueue = 'etl';
  override readonly defaultTimeoutMs = ONE_HOUR_MS;
  // A name of 63 characters at most.
  override readonly payloadMaxBytes = 1024;

  constructor(
    private readonly catalogue: TransformCatalogue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  override checkPayload(payload: SqlTransformPayload): Promise<void> {
    this.catalogue.fileOf(payload.transform);
    return Promise.resolve();
  }

  async perform(payload: SqlTransformPayload, ctx: JobContext): Promise<SqlTransformResult> {
    const { transform } = payload;
    const file = this.catalogue.fileOf(transform);
    const sql = await this.statementOf(transform, file);
    ctx.signal.throwIfAborted();
    let rows: number;
    try {
      rows = await this.dataSource.transaction(async (manager) => {
        const runner = manager.queryRunner!;
        // Cancelled or timed out mid-statement: Postgres cancels it and the transaction rolls back.
        const release = await cancelOnAbort(this.dataSource, runner, ctx.signal);
        try {
          const client = (await runner.connect()) as PoolClient;
          // The extended protocol parses one statement only: Postgres itself refuses a file
          // of several (its parser knows quotes, dollar quotes and comments).
          const statement: QueryConfig & { queryMode: 'extended' } = {
            text: sql,
            queryMode: 'extended',
          };
          const result = await client.query(statement);
          // Aborted once the statement was done but before COMMIT: roll it back as well.
          ctx.signal.throwIfAborted();
          return result.rowCount ?? 0;
        } finally {
          release();
        }
      });
    } catch (error) {
      throw this.explain(error, transform, file, ctx.signal);
    }
    ctx.logger.log(`Transform ${transform} committed; its statement touched ${rows} rows.`);
    return { transform, rows };
  }

  /** @throws PermanentJobError when the file is gone or empty */
  private async statementOf(transform: string, file: string): Promise<string> {
    let sql: string;
    try {
      sql = await readFile(file, 'utf8');
    } catch (error) {
      throw new PermanentJobError(
        `Transform ${transform} cannot be read from ${file} ` +
          `(${(error as NodeJS.ErrnoException).code}); restore the file, or restart the apps ` +
          'to take it off the list of transforms.',
        { cause: error },
      );
    }
    if (sql.trim() === '') {
      throw new PermanentJobError(
        `Transform ${transform} (${file}) is empty; a transform file holds exactly one SQL statement.`,
      );
    }
    return sql;
  }

  private explain(error: unknown, transform: string, file: string, signal: AbortSignal): unknown {
    const code = (error as { code?: unknown }).code;
    if (signal.aborted || typeof code !== 'string' || !code.startsWith(STATEMENT_MISFIT)) {
      return error; // cancelled, timed out, or Postgres busy or unreachable: worth a retry
    }
    const message = (error as Error).message;
    const reason = message.includes('multiple commands')
      ? 'it holds more than one SQL statement; a transform file holds exactly one'
      : message;
    return new PermanentJobError(`Transform ${transform} (${file}) failed: ${reason}.`, {
      cause: error,
    });
  }
}
