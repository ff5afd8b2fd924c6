import { BodyTooDeepError } from './body-too-deep.error';
import { InvalidJsonError } from './invalid-json.error';
import { MAX_JSON_DEPTH } from './json-depth';
import { parseJsonBody } from './parse-json-body';
import { PrototypeKeyError } from './prototype-key.error';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('parseJsonBody', () => {
  it('reads a body as JSON.parse does', () => {
    expect(parseJsonBody('{"type":"sleep","payload":{"list":[1,{"a":"b"}]}}')).toEqual({
      type: 'sleep',
      payload: { list: [1, { a: 'b' }] },
    });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more`, () => {
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH + 1))).toThrow(BodyTooDeepError);
  });

  it('counts no brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ s: `\\"${'['.repeat(1000)}`, t: '{{{' });
    expect(parseJsonBody(text)).toEqual(JSON.parse(text));
  });

  it('refuses a deep body before parsing it, even when it is malformed', () => {
    expect(() => parseJsonBody('['.repeat(100_000))).toThrow(BodyTooDeepError);
  });

  it.each([
    ['{"__proto__":{"x":1}}', 'body.__proto__'],
    ['{"a":{"constructor":{"prototype":{}}}}', 'body.a.constructor'],
    ['{"a":[0,{"prototype":1}]}', 'body.a[1].prototype'],
  ])('refuses %s naming %s', (text, path) => {
    expect(() => parseJsonBody(text)).toThrow(PrototypeKeyError);
    expect(() => parseJsonBody(text)).toThrow(`${path} is not allowed`);
  });

  it('accepts those words as values', () => {
    expect(parseJsonBody('{"a":"__proto__","b":["constructor"]}')).toEqual({
      a: '__proto__',
      b: ['constructor'],
    });
  });

  it('refuses text that is not JSON, with JSON.parse’s reason', () => {
    expect(() => parseJsonBody('{"a": ')).toThrow(InvalidJsonError);
    expect(() => parseJsonBody('{"a": ')).toThrow('Request body is not valid JSON (');
  });
});
