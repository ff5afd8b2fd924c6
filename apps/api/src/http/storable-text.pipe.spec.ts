import { StorableTextPipe } from './storable-text.pipe';
import { UnstorableTextError } from './unstorable-text.error';

describe('StorableTextPipe', () => {
  const pipe = new StorableTextPipe();
  const check = (value: unknown) => () => pipe.transform(value, { type: 'body' });

  it('lets ordinary text through, including paired surrogates (emoji)', () => {
    const body = { type: 'sleep', payload: { message: 'héllo 👋', list: ['a'] } };
    expect(check(body)()).toBe(body);
  });

  it.each([
    [{ payload: { message: 'a\u0000b' } }, 'body.payload.message'],
    [{ payload: { list: ['ok', '\ud800'] } }, 'body.payload.list[1]'],
    [{ payload: { ['k\u0000']: 1 } }, 'body.payload.k\u0000'],
    [{ payload: { message: '\udc00x' } }, 'body.payload.message'],
  ])('refuses %j naming where the text is', (body, path) => {
    expect(check(body)).toThrow(UnstorableTextError);
    expect(check(body)).toThrow(`${path} contains a NUL character`);
  });
});
