import { InvalidLastEventIdError } from './invalid-last-event-id.error';

const WHOLE_NUMBER = /^[1-9][0-9]{0,15}$/;

/**
 * The row version a reconnecting client last received (its Last-Event-ID header), or
 * undefined on a first connection. An empty header counts as none: EventSource sends one
 * when the server reset the id.
 * @throws InvalidLastEventIdError when the header is anything but an id this API sends
 */
export function lastEventId(header: string | string[] | undefined): number | undefined {
  if (Array.isArray(header)) {
    throw new InvalidLastEventIdError(header.join(', '));
  }
  if (header === undefined || header.trim() === '') {
    return undefined;
  }
  const id = header.trim();
  if (!WHOLE_NUMBER.test(id) || !Number.isSafeInteger(Number(id))) {
    throw new InvalidLastEventIdError(header);
  }
  return Number(id);
}
