import { requestHash } from './request-hash';

describe('requestHash', () => {
  it('is the same for the same request whatever the key order', () => {
    expect(requestHash({ type: 'sleep', payload: { ms: 1, message: 'a' } })).toBe(
      requestHash({ payload: { message: 'a', ms: 1 }, type: 'sleep' }),
    );
  });

  it('ignores fields left undefined', () => {
    expect(requestHash({ type: 'sleep', queue: undefined })).toBe(requestHash({ type: 'sleep' }));
  });

  it('differs when anything in the request differs', () => {
    const base = requestHash({ type: 'sleep', payload: { ms: 1 } });
    expect(requestHash({ type: 'sleep', payload: { ms: 2 } })).not.toBe(base);
    expect(requestHash({ type: 'sleep', payload: { ms: 1 }, priority: 1 })).not.toBe(base);
    expect(requestHash({ type: 'sleep', payload: { ms: [1] } })).not.toBe(base);
  });
});
