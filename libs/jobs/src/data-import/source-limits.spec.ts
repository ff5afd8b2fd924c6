import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { SourceLimits } from './source-limits';
import type { ImportFormat } from './data-import.payload';

/** The text, cut into `size`-byte chunks, through the limits. */
const through = (text: string, format: ImportFormat, maxRecordBytes: number, size = 3) => {
  const bytes = Buffer.from(text);
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );
  return buffer(
    Readable.from(chunks).pipe(new SourceLimits({ maxBytes: 1000, maxRecordBytes }, format)),
  );
};

describe('SourceLimits', () => {
  it('passes a source within both caps through unchanged', async () => {
    const csv = 'id,name\n1,"a\nb"\n2,ccc\n';
    expect((await through(csv, 'csv', 8)).toString()).toBe(csv);
  });

  it('fails past IMPORT_MAX_BYTES, naming it', async () => {
    await expect(through('x'.repeat(1001), 'json', 2000, 100)).rejects.toThrow(
      'The source is larger than 1000 bytes (IMPORT_MAX_BYTES); split it, or raise IMPORT_MAX_BYTES.',
    );
  });

  it.each([1, 3, 64])(
    'fails an NDJSON line past the cap, read %i bytes at a time',
    async (size) => {
      const ndjson = '{"a":1}\n{"a":"123456789"}\n';
      await expect(through(ndjson, 'ndjson', 10, size)).rejects.toThrow(
        'An NDJSON line of the source is longer than 10 bytes (IMPORT_MAX_RECORD_BYTES)',
      );
      await expect(through(ndjson, 'ndjson', 17, size)).resolves.toBeDefined();
    },
  );

  it.each([1, 3, 64])(
    'counts a CSV record across the line feeds inside its quotes, %i bytes at a time',
    async (size) => {
      // The second record is 12 bytes over three lines, none longer than 5.
      const csv = 'a,b\n1,"x\n""y\nzz"\n';
      await expect(through(csv, 'csv', 11, size)).rejects.toThrow(
        'A CSV record of the source is longer than 11 bytes (IMPORT_MAX_RECORD_BYTES)',
      );
      await expect(through(csv, 'csv', 12, size)).resolves.toBeDefined();
    },
  );

  it('counts bytes, not characters', async () => {
    await expect(through('é'.repeat(6), 'ndjson', 11)).rejects.toThrow('longer than 11 bytes');
  });

  it('does not bound a JSON array element by the record cap', async () => {
    await expect(through(`["${'x'.repeat(50)}"]`, 'json', 10)).resolves.toBeDefined();
  });
});
