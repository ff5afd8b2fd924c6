import { receivedValue } from './received-value';

describe('receivedValue', () => {
  it('quotes text, writes numbers, booleans and null as they are, and says nothing for missing', () => {
    expect(receivedValue('linear')).toBe('"linear"');
    expect(receivedValue(7)).toBe('7');
    expect(receivedValue(false)).toBe('false');
    expect(receivedValue(null)).toBe('null');
    expect(receivedValue(undefined)).toBe('nothing');
  });

  it('writes arrays and objects as JSON, cut at 80 characters', () => {
    expect(receivedValue({ a: [1] })).toBe('{"a":[1]}');
    expect(receivedValue('x'.repeat(100))).toBe(`"${'x'.repeat(79)}…`);
  });

  it('reads an array from text as a repeated parameter', () => {
    expect(receivedValue(['a', 'b'], { fromText: true })).toBe('it twice ("a", "b"): give it once');
    expect(receivedValue(['a', 'b'])).toBe('["a","b"]');
  });
});
