import { NotFoundError } from './api-errors.js';
import type { JobStatusDocument } from './api-types.js';
import { watchJobStatus } from './status-watch.js';
import type { StatusSource } from './status-watch.js';

const job = (status: JobStatusDocument['status'], progress: number | null = null) =>
  ({ id: 'j1', status, progress }) as JobStatusDocument;

const stream = (text: string) =>
  new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });

/** A StatusSource answering the streams in order, recording each Last-Event-ID sent. */
function source(streams: Response[], status: JobStatusDocument) {
  const lastEventIds: Array<string | undefined> = [];
  const fake: StatusSource = {
    openStream: (_id, lastEventId) => {
      lastEventIds.push(lastEventId);
      const next = streams.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('no more streams'));
    },
    getStatus: () => Promise.resolve(status),
  };
  return { fake, lastEventIds };
}

async function statuses(watch: AsyncIterable<JobStatusDocument>): Promise<string[]> {
  const seen: string[] = [];
  for await (const document of watch) {
    seen.push(`${document.status} ${JSON.stringify(document.progress)}`);
  }
  return seen;
}

describe('watchJobStatus', () => {
  it('reads the status of a job that already finished with one GET after a 204', async () => {
    const { fake } = source([new Response(null, { status: 204 })], job('completed', 100));
    expect(await statuses(watchJobStatus(fake, 'j1'))).toEqual(['completed 100']);
  });

  it('reconnects with Last-Event-ID when the stream ends early, and skips repeats', async () => {
    const event = (id: number, document: JobStatusDocument) =>
      `id: ${id}\nevent: status\ndata: ${JSON.stringify(document)}\n\n`;
    const { fake, lastEventIds } = source(
      [
        stream(`retry: 1\n\n: heartbeat\n\n${event(4, job('running', 10))}`),
        stream(`${event(4, job('running', 10))}${event(5, job('running', 60))}`),
        new Response(null, { status: 204 }),
      ],
      job('completed', 100),
    );
    expect(await statuses(watchJobStatus(fake, 'j1'))).toEqual([
      'running 10',
      'running 60',
      'completed 100',
    ]);
    expect(lastEventIds).toEqual([undefined, '4', '5']);
  });

  it('throws the API’s error for an unknown job instead of waiting', async () => {
    const notFound = new Response(JSON.stringify({ message: 'Job j1 not found.', code: 'x' }), {
      status: 404,
    });
    const { fake } = source([notFound], job('completed'));
    await expect(statuses(watchJobStatus(fake, 'j1'))).rejects.toBeInstanceOf(NotFoundError);
  });
});
