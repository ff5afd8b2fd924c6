import { Readable } from 'node:stream';
import { statusEvents } from './status-events.js';
import type { StatusEvent } from './status-events.js';

/** A body that arrives in exactly these chunks. */
function chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  return Readable.from(parts.map((part) => encoder.encode(part)));
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<StatusEvent[]> {
  const events: StatusEvent[] = [];
  for await (const event of statusEvents(body)) {
    events.push(event);
  }
  return events;
}

describe('statusEvents', () => {
  it('yields each status event, skipping comments and events of other types', async () => {
    const events = await collect(
      chunks(
        ': heartbeat\n\n',
        'event: status\ndata: {"id":"a","status":"running"}\n\n',
        'event: other\ndata: {}\n\n',
        ': heartbeat\n\nevent: status\ndata: {"id":"a","status":"completed"}\n\n',
      ),
    );
    expect(events.map((event) => event.job.status)).toEqual(['running', 'completed']);
  });

  it('remembers retry and the last event id, ignoring a retry that is not a number', async () => {
    const events = await collect(
      chunks(
        'retry: 2000\n\n',
        'id: 7\nevent: status\ndata: {"status":"running"}\n\n',
        'retry: soon\nid: 8\nevent: status\ndata: {"status":"completed"}\n\n',
      ),
    );
    expect(events.map(({ lastEventId, retryMs }) => ({ lastEventId, retryMs }))).toEqual([
      { lastEventId: '7', retryMs: 2000 },
      { lastEventId: '8', retryMs: 2000 },
    ]);
  });

  it('reads events split anywhere across chunks, with LF, CRLF or CR line ends', async () => {
    const events = await collect(
      chunks(
        'event: sta',
        'tus\r',
        '\ndata: {"status":',
        '"queued"}\r\n\r\nevent: status\rdata: {"status":"running"}\r\r',
        'event: status\ndata: {"status":\ndata: "completed"}\n',
        '\n',
      ),
    );
    expect(events.map((event) => event.job.status)).toEqual(['queued', 'running', 'completed']);
  });

  it('drops an event without data and one the stream cut before its blank line', async () => {
    const events = await collect(
      chunks('event: status\n\n', 'event: status\ndata: {"status":"running"}\n'),
    );
    expect(events).toEqual([]);
  });
});
