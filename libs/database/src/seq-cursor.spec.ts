import { SeqCursor } from './seq-cursor';

class BadCursor extends Error {}

describe('SeqCursor', () => {
  const cursor = new SeqCursor('seq', (text) => new BadCursor(text));

  it('reads back the seq it encoded, as GET /jobs has always written it', () => {
    expect(cursor.encode('42')).toBe(Buffer.from('seq:42').toString('base64url'));
    expect(cursor.decode(cursor.encode('9007199254740993'))).toBe('9007199254740993');
  });

  it("refuses another label's cursor and text that is no cursor", () => {
    const audit = new SeqCursor('audit', (text) => new BadCursor(text));
    expect(() => cursor.decode(audit.encode('1'))).toThrow(BadCursor);
    expect(() => cursor.decode('bm9wZQ')).toThrow(BadCursor);
  });
});
