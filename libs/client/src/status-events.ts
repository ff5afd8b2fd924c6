import type { JobStatusDocument } from './api-types.js';

/** One `status` event of a job's event stream. */
export interface StatusEvent {
  job: JobStatusDocument;
  /** The stream's last event id so far, to send back as `Last-Event-ID` when reconnecting. */
  lastEventId: string | undefined;
  /** The reconnection delay the server asked for so far (`retry:`), in ms. */
  retryMs: number | undefined;
}

interface PendingEvent {
  type: string;
  data: string[];
}

/**
 * The `status` events of a text/event-stream body, parsed as they arrive, following the
 * event-stream format: lines end in LF, CRLF or CR; a line starting with `:` is a comment
 * (the API's heartbeats); `retry:` and `id:` are remembered, unknown fields ignored; an event
 * without data is dropped. Ends when the server closes the stream.
 */
export async function* statusEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<StatusEvent> {
  const decoder = new TextDecoder();
  const state: Omit<StatusEvent, 'job'> = { lastEventId: undefined, retryMs: undefined };
  let pending: PendingEvent = { type: '', data: [] };
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    const { lines, rest } = completeLines(buffer);
    buffer = rest;
    for (const line of lines) {
      if (line !== '') {
        readField(line, pending, state);
        continue;
      }
      const event = statusEventOf(pending, state);
      pending = { type: '', data: [] };
      if (event) {
        yield event;
      }
    }
  }
  // A lone CR held back is the blank line that ends the last event.
  const last = buffer === '\r' ? statusEventOf(pending, state) : undefined;
  if (last) {
    yield last;
  }
}

function statusEventOf(
  pending: PendingEvent,
  state: Omit<StatusEvent, 'job'>,
): StatusEvent | undefined {
  if (pending.type !== 'status' || pending.data.length === 0) {
    return undefined;
  }
  return { job: JSON.parse(pending.data.join('\n')) as JobStatusDocument, ...state };
}

/** The whole lines of `buffer`, and what follows the last line end. */
function completeLines(buffer: string): { lines: string[]; rest: string } {
  // A CR at the very end may be the first half of a CRLF split across two chunks.
  const usable = buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer;
  const lines = usable.split(/\r\n|\r|\n/);
  const rest = lines.pop() ?? '';
  return { lines, rest: buffer.endsWith('\r') ? `${rest}\r` : rest };
}

function readField(line: string, pending: PendingEvent, state: Omit<StatusEvent, 'job'>): void {
  if (line.startsWith(':')) {
    return;
  }
  const colon = line.indexOf(':');
  const field = colon === -1 ? line : line.slice(0, colon);
  const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
  if (field === 'event') {
    pending.type = value;
  } else if (field === 'data') {
    pending.data.push(value);
  } else if (field === 'id' && !value.includes('\0')) {
    state.lastEventId = value;
  } else if (field === 'retry' && /^\d+$/.test(value)) {
    state.retryMs = Number(value);
  }
}
