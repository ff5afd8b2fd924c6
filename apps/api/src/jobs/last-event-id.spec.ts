import { InvalidLastEventIdError } from './invalid-last-event-id.error';
import { lastEventId } from './last-event-id';

describe('lastEventId', () => {
  it('reads the whole number an event stream sent as its id', () => {
    expect(lastEventId('42')).toBe(42);
    expect(lastEventId(' 7 ')).toBe(7);
  });

  it('reads no header, or an empty one, as a first connection', () => {
    expect(lastEventId(undefined)).toBeUndefined();
    expect(lastEventId('')).toBeUndefined();
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '12345678901234567', '1, 2'])(
    'refuses %j, naming it',
    (header) => {
      expect(() => lastEventId(header)).toThrow(InvalidLastEventIdError);
      expect(() => lastEventId(header)).toThrow(`got ${JSON.stringify(header)}`);
    },
  );
});
