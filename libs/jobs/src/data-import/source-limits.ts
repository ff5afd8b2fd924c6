import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { PermanentJobError } from '../errors/permanent-job.error';
import type { ImportFormat } from './data-import.payload';

const LF = 10;
const QUOTE = 34;

/** IMPORT_MAX_BYTES and IMPORT_MAX_RECORD_BYTES. */
export interface ImportLimits {
  maxBytes: number;
  maxRecordBytes: number;
}

const RECORD_NAMES: Partial<Record<ImportFormat, string>> = {
  csv: 'A CSV record',
  ndjson: 'An NDJSON line',
};

/**
 * Passes a source's bytes through while counting them: past IMPORT_MAX_BYTES in all, or
 * past IMPORT_MAX_RECORD_BYTES in one CSV record or NDJSON line, it fails with a
 * PermanentJobError, before a parser holds the record in memory. Bytes are scanned, not
 * decoded: in UTF-8 a quote or a line feed byte is always that character. A CSV record
 * ends at a line feed outside quotes (`""` inside a quoted field toggles twice). A JSON
 * array's elements are bounded by IMPORT_MAX_BYTES only.
 */
export class SourceLimits extends Transform {
  private total = 0;
  /** Bytes of the record read so far. */
  private record = 0;
  private inQuotes = false;
  private readonly recordName: string | undefined;

  constructor(
    private readonly limits: ImportLimits,
    private readonly format: ImportFormat,
  ) {
    super();
    this.recordName = RECORD_NAMES[format];
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.limits.maxBytes) {
      callback(
        new PermanentJobError(
          `The source is larger than ${this.limits.maxBytes} bytes (IMPORT_MAX_BYTES); ` +
            'split it, or raise IMPORT_MAX_BYTES.',
        ),
      );
      return;
    }
    if (this.recordName !== undefined && !this.fits(chunk)) {
      callback(
        new PermanentJobError(
          `${this.recordName} of the source is longer than ${this.limits.maxRecordBytes} bytes ` +
            '(IMPORT_MAX_RECORD_BYTES); fix the source, or raise IMPORT_MAX_RECORD_BYTES.',
        ),
      );
      return;
    }
    callback(null, chunk);
  }

  /** Whether every record the chunk ends or continues stays within the cap. */
  private fits(chunk: Buffer): boolean {
    let from = 0;
    while (from < chunk.length) {
      const quote = this.format === 'csv' ? chunk.indexOf(QUOTE, from) : -1;
      const to = quote === -1 ? chunk.length : quote + 1;
      const fits = this.inQuotes ? this.quoted(from, to) : this.unquoted(chunk, from, to);
      if (!fits) {
        return false;
      }
      if (quote !== -1) {
        this.inQuotes = !this.inQuotes;
      }
      from = to;
    }
    return true;
  }

  private quoted(from: number, to: number): boolean {
    this.record += to - from;
    return this.record <= this.limits.maxRecordBytes;
  }

  /** Bytes outside quotes, where a line feed ends the record. */
  private unquoted(chunk: Buffer, from: number, to: number): boolean {
    const max = this.limits.maxRecordBytes;
    if (this.record + (to - from) <= max) {
      // Nothing in here can pass the cap: only where the last record starts matters.
      const lf = chunk.lastIndexOf(LF, to - 1);
      this.record = lf >= from ? to - lf - 1 : this.record + (to - from);
      return true;
    }
    let start = from;
    for (let lf = chunk.indexOf(LF, start); lf !== -1 && lf < to; lf = chunk.indexOf(LF, lf + 1)) {
      if (this.record + (lf - start) > max) {
        return false;
      }
      this.record = 0;
      start = lf + 1;
    }
    this.record += to - start;
    return this.record <= max;
  }
}
