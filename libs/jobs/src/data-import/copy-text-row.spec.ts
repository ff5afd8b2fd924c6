import type { CastValue } from './column-cast';
import { copyTextField, copyTextRow } from './copy-text-row';

const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** How Postgres reads a row of COPY text (the escapes this format can hold). */
function readCopyTextRow(row: string): CastValue[] {
  expect(row.endsWith('\n')).toBe(true);
  return row
    .slice(0, -1)
    .split('\t')
    .map((field) =>
      field === '\\N' ? null : field.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? '?'),
    );
}

const NASTY = [
  '',
  ' ',
  '\\',
  '\\\\',
  '\\N',
  '\\.',
  'a\tb',
  'line 1\nline 2',
  'crlf\r\n',
  '\r',
  'ends with a backslash\\',
  '\\t is not a tab',
  'form\ffeed and\vtab',
  'héllo wörld',
  '日本語',
  '😀 and 👩‍👩‍👧',
  '"quoted", comma',
  "O'Brien",
  'NULL',
  'null',
];

describe('copyTextRow', () => {
  it.each(NASTY)('writes %j so that COPY reads it back exactly', (text) => {
    const row = copyTextRow([text]);
    expect(row.slice(0, -1)).not.toMatch(/[\t\n\r]/);
    expect(readCopyTextRow(row)).toEqual([text]);
  });

  it('writes NULL as \\N and keeps the text "\\N" apart from it', () => {
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField('\\N')).toBe('\\\\N');
  });

  it('escapes the four characters with a meaning to COPY and nothing else', () => {
    expect(copyTextField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyTextField('é\f😀')).toBe('é\f😀');
  });

  it('separates fields with tabs, in column order, booleans as t and f', () => {
    const values: CastValue[] = ['42', 'a\tb', null, true, false, '2026-11-22T00:00:00.000Z'];
    expect(copyTextRow(values)).toBe('42\ta\\tb\t\\N\tt\tf\t2026-11-22T00:00:00.000Z\n');
    expect(readCopyTextRow(copyTextRow(['x', ...NASTY, null]))).toEqual(['x', ...NASTY, null]);
  });
});
