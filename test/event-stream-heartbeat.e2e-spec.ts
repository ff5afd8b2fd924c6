import { TestPlatform } from '@lib/testing';

const HEARTBEAT_MS = 200;

/** Everything a stream sends until it ends (or `until` accepts what came so far). */
async function readStream(url: string, until: (text: string) => boolean = () => false) {
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return { status: response.status, headers: response.headers, text, ended };
}

describe('an event stream with nothing to send', () => {
  // No worker: the followed job stays queued, so only heartbeats are sent after its status.
  const platform = new TestPlatform('event-stream-heartbeat', {
    API_AUTH: 'off',
    SSE_HEARTBEAT_MS: String(HEARTBEAT_MS),
    SSE_IDLE_TIMEOUT_MS: '1000',
  });
  let events: string;

  beforeAll(async () => {
    await platform.start('api');
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    events = `${platform.url}/job-status/${id}/events`;
  });
  afterAll(() => platform.stop());

  it('sends a retry hint first, then the status, then heartbeat comments', async () => {
    const stream = await readStream(events, (text) => text.includes(': heartbeat\n'));
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(stream.text).toMatch(
      /^retry: 3000\nid: \d+\nevent: status\ndata: \{.*"status":"queued"/,
    );
    expect(stream.text.split('\n\n').at(-1)).toMatch(/^(: heartbeat\n)+$/);
  });

  it('still ends the stream after SSE_IDLE_TIMEOUT_MS: a heartbeat is not an event', async () => {
    const stream = await readStream(events);
    expect(stream.ended).toBe(true);
    expect(stream.text).toContain(': heartbeat\n');
    expect(stream.text.match(/^event: /gm)).toHaveLength(1);
  });
});
