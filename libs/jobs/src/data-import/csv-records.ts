const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = '\uFEFF';

/**
 * Where the reader is, which says what the next character means. `quote-in-quoted`: just
 * after a quote inside a quoted field (a second quote, or the field's end);
 * `cr-after-quote`: a closing quote then CR, so LF must follow.
 */
type At = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'cr-after-quote';

/** The CSV cannot be read as a whole: a quote out of place or never closed. */
export class MalformedCsvError extends Error {}

/**
 * Splits CSV text into records of fields as the text arrives, chunk by chunk, carrying
 * a record cut by a chunk's end over to the next. The dialect is csv-parse's with
 * `{bom, record_delimiter: ['\r\n', '\n'], skip_empty_lines, relax_column_count}`,
 * which this replaces at a quarter of its time (the spec compares the two): fields end
 * at commas, records at LF or CRLF (a lone CR is data), empty lines are skipped, a
 * leading byte order mark is dropped. A field that starts with a double quote runs to
 * the next lone one, `""` standing for a quote, commas and line breaks included.
 */
export class CsvRecords {
  private at: At = 'field-start';
  private fields: string[] = [];
  /** The field so far, when a chunk ended inside it. */
  private field = '';
  private line = 1;
  /** The line the quoted field being read opened on. */
  private quoteLine = 1;
  private started = false;

  /**
   * The records that `text` completes.
   * @throws MalformedCsvError for a quote inside an unquoted field or after a closing one
   */
  push(text: string): string[][] {
    const records: string[][] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      i = text.startsWith(BOM) ? 1 : 0;
    }
    while (i < text.length) {
      switch (this.at) {
        case 'field-start':
          if (text.charCodeAt(i) === QUOTE) {
            this.at = 'quoted';
            this.quoteLine = this.line;
            i += 1;
          } else {
            this.at = 'unquoted';
          }
          break;
        case 'unquoted':
          i = this.readUnquoted(text, i, records);
          break;
        case 'quoted':
          i = this.readQuoted(text, i);
          break;
        case 'quote-in-quoted':
          i = this.afterQuote(text, i, records);
          break;
        case 'cr-after-quote':
          i = this.lfAfterQuote(text, i, records);
          break;
      }
    }
    return records;
  }

  /**
   * The last record, when the text does not end with a line break.
   * @throws MalformedCsvError for a quoted field left open
   */
  end(): string[][] {
    switch (this.at) {
      case 'quoted':
        throw new MalformedCsvError(
          `Quote not closed: the quoted field opened on line ${this.quoteLine} runs to the end of ` +
            'the file; close it with a double quote (write a quote inside it as "").',
        );
      case 'cr-after-quote':
        throw this.misplacedClosingQuote('the end of the file after a carriage return');
      case 'field-start':
        return this.fields.length > 0 ? [this.endRecord('')] : [];
      case 'unquoted':
      case 'quote-in-quoted':
        return [this.endRecord(this.takeField(''))];
    }
  }

  private readUnquoted(text: string, from: number, records: string[][]): number {
    let i = from;
    let code = 0;
    for (; i < text.length; i += 1) {
      code = text.charCodeAt(i);
      if (code === COMMA || code === LF || code === QUOTE) {
        break;
      }
    }
    if (i === text.length) {
      this.field += text.slice(from, i);
      return i;
    }
    if (code === QUOTE) {
      throw new MalformedCsvError(
        `Quote inside an unquoted field on line ${this.line}, field ${this.fields.length + 1}: ` +
          'quote the whole field ("a ""b"" c") or remove the quote.',
      );
    }
    let value = this.takeField(text.slice(from, i));
    if (code === COMMA) {
      this.fields.push(value);
      this.at = 'field-start';
      return i + 1;
    }
    // LF: a CR just before it belongs to the line break.
    if (value.charCodeAt(value.length - 1) === CR) {
      value = value.slice(0, -1);
    }
    if (this.fields.length === 0 && value === '') {
      this.line += 1;
      this.at = 'field-start';
    } else {
      records.push(this.endRecord(value));
    }
    return i + 1;
  }

  private readQuoted(text: string, from: number): number {
    const quote = text.indexOf('"', from);
    const to = quote === -1 ? text.length : quote;
    const piece = text.slice(from, to);
    this.field += piece;
    this.line += countLineFeeds(piece);
    if (quote === -1) {
      return to;
    }
    this.at = 'quote-in-quoted';
    return quote + 1;
  }

  private afterQuote(text: string, i: number, records: string[][]): number {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      this.field += '"';
      this.at = 'quoted';
      return i + 1;
    }
    if (code === COMMA) {
      this.fields.push(this.takeField(''));
      this.at = 'field-start';
      return i + 1;
    }
    if (code === LF) {
      records.push(this.endRecord(this.takeField('')));
      return i + 1;
    }
    if (code === CR) {
      this.at = 'cr-after-quote';
      return i + 1;
    }
    // The character itself is not repeated: errors never echo the source's content.
    throw this.misplacedClosingQuote('another character');
  }

  private lfAfterQuote(text: string, i: number, records: string[][]): number {
    if (text.charCodeAt(i) !== LF) {
      throw this.misplacedClosingQuote('a carriage return without a line feed');
    }
    records.push(this.endRecord(this.takeField('')));
    return i + 1;
  }

  /** The field so far and its last piece, leaving nothing carried over. */
  private takeField(last: string): string {
    const value = this.field + last;
    this.field = '';
    return value;
  }

  private endRecord(last: string): string[] {
    const record = this.fields;
    record.push(last);
    this.fields = [];
    this.line += 1;
    this.at = 'field-start';
    return record;
  }

  private misplacedClosingQuote(got: string): MalformedCsvError {
    return new MalformedCsvError(
      `Closing quote on line ${this.line} is followed by ${got}, not by a comma or a line ` +
        'break: write a quote inside a quoted field as "".',
    );
  }
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    count += 1;
  }
  return count;
}
