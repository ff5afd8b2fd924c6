import { EventSource } from 'eventsource';
import { TestPlatform, readEvents, waitFor } from '@lib/testing';

interface Followed {
  /** Every `status` event received, in order. */
  events: Array<{ id: string; status: string }>;
  /** Each request EventSource made: its Last-Event-ID and the answer's status. */
  requests: Array<{ lastEventId: string | null; status: number }>;
  source: EventSource;
}

describe('following a job with a standard EventSource client', () => {
  const platform = new TestPlatform('job-event-source');

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(() => platform.stop());

  const eventsUrl = (id: string) => `${platform.url}/job-status/${id}/events`;

  /** An EventSource on the job's events that records what it receives and asks. */
  const follow = (id: string): Followed => {
    const followed: Followed = { events: [], requests: [], source: undefined as never };
    followed.source = new EventSource(eventsUrl(id), {
      fetch: async (url, init) => {
        const headers = new Headers(init?.headers);
        const response = await fetch(url, {
          ...init,
          headers: { ...Object.fromEntries(headers), ...platform.authorization() },
        });
        followed.requests.push({
          lastEventId: headers.get('last-event-id'),
          status: response.status,
        });
        return response;
      },
    });
    followed.source.addEventListener('status', (event) => {
      followed.events.push({ id: event.lastEventId, status: JSON.parse(event.data).status });
    });
    return followed;
  };

  const closed = (followed: Followed) =>
    waitFor(
      'the EventSource to close',
      () =>
        Promise.resolve({ readyState: followed.source.readyState, requests: followed.requests }),
      ({ readyState }) => readyState === followed.source.CLOSED,
    );

  it('follows a job to its end, then stops: the final event once, the reconnect answered 204', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 300 } });
    const followed = follow(id);
    await closed(followed);

    const statuses = followed.events.map((event) => event.status);
    expect(statuses.at(-1)).toBe('completed');
    expect(statuses.filter((status) => status === 'completed')).toHaveLength(1);
    const ids = followed.events.map((event) => Number(event.id));
    expect(ids.every((eventId, i) => i === 0 || eventId > ids[i - 1])).toBe(true);
    // The stream ended after the final event; the one reconnect sent its id and got 204.
    expect(followed.requests.at(-1)).toEqual({
      lastEventId: followed.events.at(-1)?.id,
      status: 204,
    });
    expect(followed.requests.slice(0, -1).every((request) => request.status === 200)).toBe(true);
  });

  it('stops at once on a finished job it has followed to the end', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    await platform.waitForStatus(id, ['completed']);
    const followed = follow(id);
    await closed(followed);
    expect(followed.events.map((event) => event.status)).toEqual(['completed']);
    expect(followed.requests.map((request) => request.status)).toEqual([200, 204]);
  });

  it('resumes after Last-Event-ID: no status the client has is sent again', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 60_000 } });
    await platform.waitForStatus(id, ['running']);
    const [seen] = await firstEvent(eventsUrl(id), platform.authorization());

    const resumed = readEvents(eventsUrl(id), 20_000, {
      ...platform.authorization(),
      'last-event-id': seen.id,
    });
    await platform.post(`/jobs/${id}/cancel`, {});
    const events = await resumed;

    const ids = events.map((event) => Number(event.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((eventId, i) => eventId > (i === 0 ? Number(seen.id) : ids[i - 1]))).toBe(
      true,
    );
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toMatchObject({ status: 'cancelled' });
  });

  it('sends only the final event after an earlier Last-Event-ID, and 204 after the final one', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    await platform.waitForStatus(id, ['completed']);
    const [final] = await readEvents(eventsUrl(id), 20_000, platform.authorization());
    // Version 1 is the job as created; its outcome was written since.
    expect(Number(final.id)).toBeGreaterThan(1);

    const after = (lastEventId: string) =>
      platform.get(`/job-status/${id}/events`, { headers: { 'last-event-id': lastEventId } });
    const fromFirst = await readEvents(eventsUrl(id), 20_000, {
      ...platform.authorization(),
      'last-event-id': '1',
    });
    expect(fromFirst).toEqual([final]);
    expect((await after(final.id ?? '')).status).toBe(204);
    expect((await after(String(Number(final.id) + 1))).status).toBe(204);
  });

  it('refuses a Last-Event-ID it did not send with 400, naming it', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    const response = await platform.get(`/job-status/${id}/events`, {
      headers: { 'last-event-id': 'abc' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'invalid_last_event_id',
      message: expect.stringContaining('got "abc"'),
    });
  });

  it('is documented: the uuid id, Last-Event-ID, 200 as text/event-stream and 204', async () => {
    const { body } = await platform.get('/docs-json');
    const route = body.paths['/job-status/{id}/events'].get;
    expect(route.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'id',
          in: 'path',
          schema: expect.objectContaining({ format: 'uuid' }),
        }),
        expect.objectContaining({ name: 'Last-Event-ID', in: 'header', required: false }),
      ]),
    );
    expect(Object.keys(route.responses['200'].content)).toEqual(['text/event-stream']);
    expect(route.responses['204']).toBeDefined();
    expect(Object.keys(route.responses['404'].content)).toEqual(['application/json']);
  });
});

/** The first event of a stream, read and then the stream closed. */
async function firstEvent(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    text += decoder.decode(value, { stream: true });
  }
  abort.abort();
  const id = /^id: (\d+)$/m.exec(text)?.[1] ?? '';
  return [{ id }];
}
