import { Readable } from 'node:stream';
import { sourceRows } from './source-rows';
import type { SourceRow } from './source-rows';

async function rowsOf(text: string, format: 'csv' | 'ndjson' | 'json'): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  // Split into small chunks so that rows straddle chunk boundaries.
  const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
  for await (const bunch of sourceRows(Readable.from(chunks.map((c) => Buffer.from(c))), format)) {
    rows.push(...bunch);
  }
  return rows;
}

describe('sourceRows', () => {
  it('reads CSV by its header, quoting included, and flags rows with the wrong field count', async () => {
    const rows = await rowsOf('\uFEFFid,name\r\n1,"Smith, Jo"\n2\n\n3,"say ""hi"""\n', 'csv');
    expect(rows).toEqual([
      { row: 1, fields: { id: '1', name: 'Smith, Jo' } },
      { row: 2, problem: 'has 1 fields, the header has 2' },
      { row: 3, fields: { id: '3', name: 'say "hi"' } },
    ]);
  });

  it('keeps a CSV field named __proto__ as a field, not as the prototype', async () => {
    const [row] = await rowsOf('__proto__,id\nx,1\n', 'csv');
    expect(Object.getOwnPropertyDescriptor(row.fields, '__proto__')?.value).toBe('x');
    expect(Object.keys(row.fields ?? {})).toEqual(['__proto__', 'id']);
  });

  it('reads NDJSON line by line; a line that is not a JSON object is one bad row', async () => {
    const rows = await rowsOf('{"id":1}\n\n{oops\n[1]\n{"id":2}\n', 'ndjson');
    expect(rows.map((r) => r.fields ?? r.problem)).toEqual([
      { id: 1 },
      expect.stringMatching(/^is not valid JSON/),
      'is not a JSON object',
      { id: 2 },
    ]);
  });

  it('reads the elements of a JSON array', async () => {
    const rows = await rowsOf('[{"id":1,"tags":["a"]}, 7, {"id":2}]', 'json');
    expect(rows).toEqual([
      { row: 1, fields: { id: 1, tags: ['a'] } },
      { row: 2, problem: 'is not a JSON object' },
      { row: 3, fields: { id: 2 } },
    ]);
  });

  it.each([
    ['csv', 'id,name\n1,"never closed\n'],
    ['json', '[{"id":1},'],
    ['json', '{"id":1}'],
  ] as const)('fails the whole %s file when it cannot be parsed: %j', async (format, text) => {
    await expect(rowsOf(text, format)).rejects.toThrow();
  });
});
