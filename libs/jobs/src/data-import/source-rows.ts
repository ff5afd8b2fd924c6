import { PassThrough, pipeline } from 'node:stream';
import type { Duplex, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import jsonlParserStream from 'stream-chain/jsonl/parserStream.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { CsvRecords } from './csv-records';
import type { ImportFormat } from './data-import.payload';

/** One source row: its fields, or why it could not be read (a bad row, not a bad file). */
export interface SourceRow {
  /** 1-based position among the data rows (CSV: after the header; NDJSON: the line). */
  row: number;
  fields?: Record<string, unknown>;
  problem?: string;
}

class UnreadableLine {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The record as an object keyed by the header, as Object.fromEntries would build it but
 * without its array per field (a third of the reading time at a million rows).
 */
function fieldsOf(header: readonly string[], record: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i += 1) {
    if (header[i] === '__proto__') {
      // Assigning it would set the object's prototype instead of a field.
      Object.defineProperty(fields, header[i], {
        value: record[i],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      fields[header[i]] = record[i];
    }
  }
  return fields;
}

/**
 * Pipes the source into a parser; a failure of either surfaces from the parser's
 * iterator, so the caller sees one error for the whole file and can stop.
 */
function through<T>(source: Readable, parser: Duplex): AsyncIterable<T> {
  pipeline(source, parser, () => {});
  return parser as AsyncIterable<T>;
}

// Iterated directly, a fetch body hands over its chunks one await each, and a server that
// sends a line per chunk made that cost 20 µs a line; piped into room for this much, it
// is drained as it arrives and read a large piece at a time.
const CSV_READ_AHEAD_BYTES = 1024 * 1024;

async function* csvRows(source: Readable): AsyncGenerator<SourceRow[]> {
  // Decoding chunk by chunk keeps a character whose bytes two chunks share whole.
  const decoder = new StringDecoder('utf8');
  const reader = new CsvRecords();
  let header: string[] | undefined;
  let row = 0;
  const rowsOf = (records: string[][]): SourceRow[] => {
    const rows: SourceRow[] = [];
    for (const record of records) {
      if (header === undefined) {
        header = record;
        continue;
      }
      row += 1;
      rows.push(
        record.length === header.length
          ? { row, fields: fieldsOf(header, record) }
          : { row, problem: `has ${record.length} fields, the header has ${header.length}` },
      );
    }
    return rows;
  };
  const chunks = through<Buffer>(source, new PassThrough({ highWaterMark: CSV_READ_AHEAD_BYTES }));
  for await (const chunk of chunks) {
    yield rowsOf(reader.push(decoder.write(chunk)));
  }
  yield rowsOf([...reader.push(decoder.end()), ...reader.end()]);
}

async function* ndjsonRows(source: Readable): AsyncGenerator<SourceRow> {
  const lines = through<{ key: number; value: unknown }>(
    source,
    jsonlParserStream({
      // Blank lines are dropped; any other line that is not JSON is one bad row.
      errorIndicator: (_error: Error, input: string) =>
        input.trim() === '' ? undefined : new UnreadableLine(),
    }),
  );
  for await (const { key, value } of lines) {
    const row = key + 1;
    if (value instanceof UnreadableLine) {
      // JSON.parse's reason quotes the line; errors never echo the source's content.
      yield { row, problem: 'is not valid JSON' };
    } else if (!isRecord(value)) {
      yield { row, problem: 'is not a JSON object' };
    } else {
      yield { row, fields: value };
    }
  }
}

async function* jsonArrayRows(source: Readable): AsyncGenerator<SourceRow> {
  const items = through<{ key: number; value: unknown }>(source, streamArray.withParserAsStream());
  for await (const { key, value } of items) {
    const row = key + 1;
    yield isRecord(value) ? { row, fields: value } : { row, problem: 'is not a JSON object' };
  }
}

async function* oneByOne(rows: AsyncIterable<SourceRow>): AsyncGenerator<SourceRow[]> {
  for await (const row of rows) {
    yield [row];
  }
}

const READERS: Record<ImportFormat, (source: Readable) => AsyncGenerator<SourceRow[]>> = {
  csv: csvRows,
  ndjson: (source) => oneByOne(ndjsonRows(source)),
  json: (source) => oneByOne(jsonArrayRows(source)),
};

/**
 * Streams the rows of a CSV file (header row first), an NDJSON file or a JSON array, in
 * bunches: a CSV's come a chunk of the source at a time (an await per row cost a sixth
 * of an import's time), JSON rows one by one. Only the bunch at hand is held.
 * @throws whatever the source or the parser throws when the file as a whole is unreadable
 *   (MalformedCsvError for a CSV quote out of place)
 */
export function sourceRows(source: Readable, format: ImportFormat): AsyncGenerator<SourceRow[]> {
  return READERS[format](source);
}
