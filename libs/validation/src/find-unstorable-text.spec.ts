import { findUnstorableText } from './find-unstorable-text';

describe('findUnstorableText', () => {
  it('names the value, field or array item holding a NUL or a lone surrogate', () => {
    expect(findUnstorableText('a\u0000b', 'type')).toBe('type');
    expect(findUnstorableText({ message: 'x\ud800' }, 'payload')).toBe('payload.message');
    expect(findUnstorableText({ lines: ['ok', 'no\u0000'] }, 'payload')).toBe('payload.lines[1]');
  });

  it('names a key that cannot be stored', () => {
    expect(findUnstorableText({ 'k\u0000': 1 }, 'payload')).toBe('payload.k\u0000');
  });

  it('finds nothing in storable text, numbers and nulls, surrogate pairs included', () => {
    expect(findUnstorableText({ a: '😀', b: [1, null, true] }, 'payload')).toBeNull();
  });
});
