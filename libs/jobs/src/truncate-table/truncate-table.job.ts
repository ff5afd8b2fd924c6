import { PlatformConfig } from '@lib/config';
import { cancelOnAbort } from '@lib/database';
import type { QualifiedTableName } from '@lib/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { allowedTable } from '../allowed-table';
import { BaseJob } from '../base-job';
import { PermanentJobError } from '../errors/permanent-job.error';
import type { JobContext } from '../job-context';
import { TruncateTablePayload } from './truncate-table.payload';

export interface TruncateTableResult {
  truncated: string;
}

// 42P01 undefined_table, 3F000 invalid_schema_name: retrying cannot make the table appear.
const MISSING_RELATION = new Set(['42P01', '3F000']);

/** Empties one allow-listed table of the platform's database (TRUNCATE_ALLOWED_TABLES). */
@Injectable()
export class TruncateTableJob extends BaseJob<TruncateTablePayload, TruncateTableResult> {
  readonly type = 'truncate_table';
  readonly payloadClass = TruncateTablePayload;
  // A schema and a table name, 63 bytes each at most: anything near 1 KiB is not a table.
  override readonly payloadMaxBytes = 1024;

  constructor(
    private readonly config: PlatformConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  override checkPayload(payload: TruncateTablePayload): Promise<void> {
    this.tableOf(payload);
    return Promise.resolve();
  }

  async perform(payload: TruncateTablePayload, ctx: JobContext): Promise<TruncateTableResult> {
    const table = this.tableOf(payload);
    ctx.signal.throwIfAborted();
    try {
      await this.dataSource.transaction(async (manager) => {
        // Cancelled or timed out while waiting for its lock: the wait ends, nothing is emptied.
        const release = await cancelOnAbort(this.dataSource, manager.queryRunner!, ctx.signal);
        try {
          // TRUNCATE waits for an ACCESS EXCLUSIVE lock: behind a long transaction, fail and retry.
          await manager.query("SET LOCAL lock_timeout = '30s'");
          await manager.query(`TRUNCATE TABLE ${table.quoted()}`);
          ctx.signal.throwIfAborted();
        } finally {
          release();
        }
      });
    } catch (error) {
      if (MISSING_RELATION.has((error as { code?: string }).code ?? '')) {
        throw new PermanentJobError(`Table ${table.toString()} does not exist.`, { cause: error });
      }
      throw error;
    }
    ctx.logger.log(`Truncated ${table.toString()}.`);
    return { truncated: table.toString() };
  }

  private tableOf(payload: TruncateTablePayload): QualifiedTableName {
    return allowedTable(
      payload.schema,
      payload.table,
      this.config.jobs.truncateAllowedTables,
      'TRUNCATE_ALLOWED_TABLES',
    );
  }
}
