import { PlatformConfig } from '@lib/config';
import { IdentifierTooLongError } from '@lib/database';
import { PlatformError } from '@lib/errors';
import { OutboundFetcher, redactedUrl } from '@lib/outbound';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { allowedTable } from '../allowed-table';
import { BaseJob } from '../base-job';
import { InvalidPayloadError } from '../errors/invalid-payload.error';
import { PermanentJobError } from '../errors/permanent-job.error';
import { TransientJobError } from '../errors/transient-job.error';
import type { JobContext } from '../job-context';
import { BatchLoader } from './batch-loader';
import { DataImportPayload } from './data-import.payload';
import { ImportReport } from './import-report';
import type { DataImportResult } from './import-report';
import { ImportBatch } from './import-batch';
import { checkSource, openSource } from './import-source';
import { RowCast } from './row-cast';
import { SourceLimits } from './source-limits';
import { sourceRows } from './source-rows';
import { TableUpsert } from './table-upsert';

// Errors in the target table's definition: no attempt can fix them.
const TABLE_MISFITS: Record<string, string> = {
  '42P01': 'does not exist',
  '3F000': 'does not exist',
  '42703': 'lacks a column of the mapping',
  '42804': 'has a column whose type does not fit its cast',
  '42P10': 'has no unique index on the key columns',
};

const TWO_HOURS_MS = 2 * 60 * 60_000;
// About a millisecond of reading and casting.
const ROWS_PER_TURN = 500;

/**
 * Extract, transform, load: streams CSV, NDJSON or a JSON array from an http(s) URL or a
 * file under IMPORT_DIR, casts each row's fields to the declared columns, and upserts
 * them in batches into an allow-listed table (IMPORT_ALLOWED_TABLES) on the key columns.
 * Bad rows are counted and sampled; the job fails only past `max_failed_rows`.
 */
@Injectable()
export class DataImportJob extends BaseJob<DataImportPayload, DataImportResult> {
  readonly type = 'data_import';
  readonly payloadClass = DataImportPayload;
  override readonly defaultQueue = 'etl';
  override readonly defaultTimeoutMs = TWO_HOURS_MS;

  constructor(
    private readonly config: PlatformConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fetcher: OutboundFetcher,
  ) {
    super();
  }

  override checkPayload(payload: DataImportPayload): Promise<void> {
    this.upsertFor(payload);
    checkSource(payload.source, this.config.jobs.importDir);
    return Promise.resolve();
  }

  async perform(payload: DataImportPayload, ctx: JobContext): Promise<DataImportResult> {
    const upsert = this.upsertFor(payload);
    const report = new ImportReport(payload.max_failed_rows);
    const source = this.limited(
      await openSource(payload.source, this.config.jobs.importDir, this.fetcher, ctx.signal),
      payload,
    );
    let sourceError: Error | undefined;
    source.once('error', (error) => (sourceError = error));
    try {
      await this.load(payload, source, upsert, report, ctx);
    } catch (error) {
      throw this.explain(error, sourceError, payload, ctx.signal);
    } finally {
      source.destroy();
    }
    const result = report.result();
    ctx.logger.log(
      `Imported into ${payload.schema}.${payload.table}: ${result.rows_loaded} rows loaded ` +
        `(${result.rows_inserted} new, ${result.rows_updated} changed), ${result.rows_failed} bad.`,
    );
    return result;
  }

  /**
   * Reads and casts the rows into batches; each full batch goes to the loader, which
   * writes it while the next one is read.
   */
  private async load(
    payload: DataImportPayload,
    source: Readable,
    upsert: TableUpsert,
    report: ImportReport,
    ctx: JobContext,
  ): Promise<void> {
    const rowCast = new RowCast(payload.columns, payload.key);
    const loader = await BatchLoader.open(this.dataSource, upsert, ctx.signal, (rows, counts) => {
      report.loaded(rows, counts);
      return ctx.progress(report.progress());
    });
    try {
      let batch = new ImportBatch(rowCast.keyIndexes);
      let rowsRead = 0;
      for await (const rows of sourceRows(source, payload.format)) {
        for (const row of rows) {
          ctx.signal.throwIfAborted();
          report.read();
          rowsRead += 1;
          if (rowsRead % ROWS_PER_TURN === 0) {
            // Reading runs on microtasks, which I/O callbacks wait behind: without a turn
            // of the event loop, Postgres's answers to the batch in flight would wait too.
            await setImmediate();
          }
          const values = row.fields ? rowCast.cast(row.fields) : (row.problem ?? '');
          if (typeof values === 'string') {
            report.fail(row.row, values);
            continue;
          }
          batch.add(values);
          if (batch.rows >= payload.batch_size) {
            await loader.load(batch);
            batch = new ImportBatch(rowCast.keyIndexes);
          }
        }
      }
      if (batch.rows > 0) {
        await loader.load(batch);
      }
      await loader.settled();
    } finally {
      await loader.close();
    }
  }

  /** Sorts a failure into retryable (the source or the network) or permanent (the data). */
  private explain(
    error: unknown,
    sourceError: Error | undefined,
    payload: DataImportPayload,
    signal: AbortSignal,
  ): unknown {
    if (
      signal.aborted ||
      error instanceof PermanentJobError ||
      error instanceof TransientJobError
    ) {
      return error;
    }
    const target = `${payload.schema}.${payload.table}`;
    const misfit = TABLE_MISFITS[(error as { code?: string }).code ?? ''];
    if (misfit) {
      return new PermanentJobError(`Table ${target} ${misfit}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (sourceError instanceof PlatformError) {
      return new TransientJobError(sourceError.message, { cause: error }); // e.g. an idle timeout
    }
    if (sourceError !== undefined) {
      const from =
        payload.source.url !== undefined ? redactedUrl(payload.source.url) : payload.source.file;
      // A wrapped network error ("terminated") says what happened in its cause.
      const cause = (sourceError.cause as Error | undefined)?.message;
      const reason = cause ? `${sourceError.message} (${cause})` : sourceError.message;
      return new TransientJobError(`Reading ${from} failed: ${reason}`, {
        cause: error,
      });
    }
    if ((error as { code?: string }).code !== undefined && 'severity' in (error as object)) {
      return error; // Postgres itself (a lost connection, a lock timeout): worth a retry.
    }
    return new PermanentJobError(
      `The ${payload.format} source cannot be parsed: ${(error as Error).message}`,
      { cause: error },
    );
  }

  /** The source through IMPORT_MAX_BYTES and IMPORT_MAX_RECORD_BYTES. */
  private limited(source: Readable, payload: DataImportPayload): Readable {
    const { importMaxBytes: maxBytes, importMaxRecordBytes: maxRecordBytes } = this.config.jobs;
    // The pipeline hands the source's own errors on to the limits, which the job reads.
    return pipeline(
      source,
      new SourceLimits({ maxBytes, maxRecordBytes }, payload.format),
      () => {},
    );
  }

  private upsertFor(payload: DataImportPayload): TableUpsert {
    const names = payload.columns.map((column) => column.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated !== undefined) {
      throw new InvalidPayloadError([`payload.columns names ${repeated} twice.`]);
    }
    const stray = payload.key.find((name) => !names.includes(name));
    if (stray !== undefined) {
      throw new InvalidPayloadError([
        `payload.key names ${stray}, which is not in payload.columns.`,
      ]);
    }
    const table = allowedTable(
      payload.schema,
      payload.table,
      this.config.jobs.importAllowedTables,
      'IMPORT_ALLOWED_TABLES',
    );
    try {
      return new TableUpsert(table, payload.columns, payload.key);
    } catch (error) {
      if (error instanceof IdentifierTooLongError) {
        throw new InvalidPayloadError([error.message]);
      }
      throw error;
    }
  }
}
