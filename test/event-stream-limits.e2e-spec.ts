import { TestPlatform, contractOf } from '@lib/testing';

const IDLE_TIMEOUT_MS = 4000;
const HEARTBEAT_MS = 200;

/** An event stream held open: resolves once its first event arrived. */
async function openStream(url: string) {
  const abort = new AbortController();
  const { origin, pathname } = new URL(url);
  const contract = await contractOf(origin);
  const response = await fetch(url, { signal: abort.signal });
  if (response.status !== 200 || response.body === null) {
    const body = await response.json();
    contract.check('GET', pathname, { status: response.status, headers: response.headers, body });
    return { status: response.status, body, close: () => undefined };
  }
  contract.check('GET', pathname, { status: 200, headers: response.headers, body: undefined });
  const reader = response.body.getReader();
  await reader.read();
  // 'ended' when the server ended the stream; the error when it broke or was aborted.
  const ended = (async () => {
    while (!(await reader.read()).done) {
      // Events after the first one are not looked at.
    }
    return 'ended';
  })().catch((error: Error) => error.message);
  return { status: 200, ended, close: () => abort.abort() };
}

describe('limits on event streams', () => {
  // No worker: the followed job never changes.
  const platform = new TestPlatform('event-stream-limits', {
    API_AUTH: 'off',
    SSE_MAX_STREAMS_PER_TENANT: '2',
    SSE_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
    // Heartbeats all along: the idle timeout must close streams all the same.
    SSE_HEARTBEAT_MS: String(HEARTBEAT_MS),
  });
  let events: string;

  beforeAll(async () => {
    await platform.start('api');
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    events = `${platform.url}/job-status/${id}/events`;
  });
  afterAll(() => platform.stop());

  it('refuses a tenant one stream more than SSE_MAX_STREAMS_PER_TENANT with 429', async () => {
    const first = await openStream(events);
    const second = await openStream(events);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await openStream(events);
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({
      statusCode: 429,
      message:
        'Tenant "default" already follows 2 jobs over event streams on this API process ' +
        '(SSE_MAX_STREAMS_PER_TENANT): close one, or poll GET /job-status/:id.',
    });
    first.close();
    second.close();
  });

  it('closes a stream that sent no event for SSE_IDLE_TIMEOUT_MS, and counts it out', async () => {
    // The streams closed by the client above are counted out once the server sees them go.
    const started = Date.now();
    let stream = await openStream(events);
    while (stream.status === 429 && Date.now() - started < 2000) {
      stream = await openStream(events);
    }
    expect(stream.status).toBe(200);
    const opened = Date.now();
    expect(await stream.ended).toBe('ended');
    const openMs = Date.now() - opened;
    expect(openMs).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 500);
    expect(openMs).toBeLessThan(IDLE_TIMEOUT_MS + 3000);
    const again = await openStream(events);
    expect(again.status).toBe(200);
    again.close();
  });

  // Last: its one stream is read to the end, so no stream of it outlives the test.
  it('opens with a retry hint and the status, then sends heartbeat comments until it idles out', async () => {
    const response = await fetch(events, { signal: AbortSignal.timeout(20_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
    const text = await response.text();
    expect(text).toMatch(/^retry: 3000\nid: \d+\nevent: status\ndata: \{.*"status":"queued"/);
    expect(text.match(/^event: /gm)).toHaveLength(1);
    // Comment lines after the one event; a heartbeat is not an event, so the stream ended.
    expect(text.split('\n\n').at(-1)).toMatch(/^(: heartbeat\n)+$/);
  });
});
