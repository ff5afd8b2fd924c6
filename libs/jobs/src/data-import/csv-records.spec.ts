import { parse } from 'csv-parse/sync';
import { CsvRecords, MalformedCsvError } from './csv-records';

// The options data_import gave csv-parse, whose dialect CsvRecords keeps.
const CSV_PARSE_OPTIONS = {
  bom: true,
  record_delimiter: ['\r\n', '\n'],
  skip_empty_lines: true,
  relax_column_count: true,
};

/** The records of `text` pushed in pieces of `size`, or the error's class. */
function recordsOf(text: string, size = text.length || 1): string[][] | 'malformed' {
  const reader = new CsvRecords();
  const records: string[][] = [];
  try {
    for (let i = 0; i < text.length; i += size) {
      records.push(...reader.push(text.slice(i, i + size)));
    }
    records.push(...reader.end());
  } catch (error) {
    if (error instanceof MalformedCsvError) {
      return 'malformed';
    }
    throw error;
  }
  return records;
}

function csvParseRecords(text: string): string[][] | 'malformed' {
  try {
    const records: string[][] = parse(text, CSV_PARSE_OPTIONS);
    return records;
  } catch {
    return 'malformed';
  }
}

/** A small deterministic generator, so that a failure can be replayed. */
function* randomTexts(count: number): Generator<string> {
  const alphabet = ['a', 'b', ',', '"', '\n', '\r', ' ', 'é', '😀', '\uFEFF'];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let n = 0; n < count; n += 1) {
    let text = '';
    for (let length = next() % 24; length > 0; length -= 1) {
      text += alphabet[next() % alphabet.length];
    }
    yield text;
  }
}

describe('CsvRecords', () => {
  it.each([
    ['a,b\n', [['a', 'b']]],
    ['a,b', [['a', 'b']]],
    [
      '\uFEFFid,name\r\n1,"Smith, Jo"\n',
      [
        ['id', 'name'],
        ['1', 'Smith, Jo'],
      ],
    ],
    ['a,"b""c",d\n', [['a', 'b"c', 'd']]],
    ['"a\nb",c\n"x\r\ny"\n', [['a\nb', 'c'], ['x\r\ny']]],
    ['\n\na\r\n\r\n\n', [['a']]],
    ['a\r\nb\rc\n', [['a'], ['b\rc']]],
    [
      'a,\n,\n',
      [
        ['a', ''],
        ['', ''],
      ],
    ],
    ['""\n"",""', [[''], ['', '']]],
    ['"""a"""', [['"a"']]],
    ['x\r', [['x\r']]],
    ['a\n\uFEFFb\n', [['a'], ['\uFEFFb']]],
    ['a\n \n', [['a'], [' ']]],
  ])('reads %j as %j, whatever the chunks', (text, expected) => {
    for (let size = 1; size <= text.length; size += 1) {
      expect(recordsOf(text, size)).toEqual(expected);
    }
  });

  it.each([
    ['a"b,c\n', 'Quote inside an unquoted field on line 1, field 1'],
    ['x\n"a"b,c\n', 'Closing quote on line 2 is followed by another character'],
    ['"a" ,c\n', 'Closing quote on line 1 is followed by another character'],
    ['"a"\rb', 'Closing quote on line 1 is followed by a carriage return without a line feed'],
    ['"a"\r', 'Closing quote on line 1 is followed by the end of the file'],
    ['a\n"b\nc', 'Quote not closed: the quoted field opened on line 2 runs to the end of the file'],
  ])('refuses %j: %s', (text, message) => {
    const read = () => {
      const reader = new CsvRecords();
      reader.push(text);
      reader.end();
    };
    expect(read).toThrow(MalformedCsvError);
    expect(read).toThrow(message);
  });

  it('agrees with csv-parse on thousands of random texts cut into random chunks', () => {
    let cut = 0;
    for (const text of randomTexts(5000)) {
      cut = (cut % 5) + 1;
      expect([text, recordsOf(text, cut)]).toEqual([text, csvParseRecords(text)]);
    }
  });
});
