import { PermanentJobError } from '../errors/permanent-job.error';
import type { UpsertCounts } from './table-upsert';

const SAMPLED_ERRORS = 10;

export interface DataImportResult {
  rows_read: number;
  /** Rows written to the table or already there as read. */
  rows_loaded: number;
  rows_failed: number;
  /** Of rows_loaded: new rows. */
  rows_inserted: number;
  /** Of rows_loaded: rows whose values changed. A re-run of the same data updates none. */
  rows_updated: number;
  first_errors: { row: number; error: string }[];
}

/** Counts an import's rows and keeps the first errors, enforcing max_failed_rows. */
export class ImportReport {
  private readonly counts: DataImportResult = {
    rows_read: 0,
    rows_loaded: 0,
    rows_failed: 0,
    rows_inserted: 0,
    rows_updated: 0,
    first_errors: [],
  };

  constructor(private readonly maxFailedRows: number | undefined) {}

  read(): void {
    this.counts.rows_read += 1;
  }

  /** @throws PermanentJobError once bad rows exceed max_failed_rows */
  fail(row: number, error: string): void {
    this.counts.rows_failed += 1;
    if (this.counts.first_errors.length < SAMPLED_ERRORS) {
      this.counts.first_errors.push({ row, error });
    }
    if (this.maxFailedRows !== undefined && this.counts.rows_failed > this.maxFailedRows) {
      const first = this.counts.first_errors.map((e) => `row ${e.row} ${e.error}`).join('; ');
      throw new PermanentJobError(
        `${this.counts.rows_failed} bad rows, more than max_failed_rows (${this.maxFailedRows}); ` +
          `the batch in flight was not written. First: ${first}.`,
      );
    }
  }

  loaded(rows: number, counts: UpsertCounts): void {
    this.counts.rows_loaded += rows;
    this.counts.rows_inserted += counts.inserted;
    this.counts.rows_updated += counts.updated;
  }

  /** The figures so far, for progress. */
  progress(): Record<string, number> {
    const { rows_read, rows_loaded, rows_failed } = this.counts;
    return { rows_read, rows_loaded, rows_failed };
  }

  result(): DataImportResult {
    return { ...this.counts, first_errors: [...this.counts.first_errors] };
  }
}
