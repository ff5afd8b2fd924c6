import { contractOf } from './checked-fetch';

export interface ServerSentEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * Reads a text/event-stream response to its end and returns its events. The answer's
 * status and headers, and each `status` event's data (a JobStatusView), must keep the
 * API's OpenAPI document.
 * @param timeoutMs fails the read if the stream is still open by then
 * @param headers sent with the request, e.g. TestPlatform's `authorization()`
 */
export async function readEvents(
  url: string,
  timeoutMs = 20_000,
  headers: Record<string, string> = {},
): Promise<ServerSentEvent[]> {
  const { origin, pathname, search } = new URL(url);
  const contract = await contractOf(origin);
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok || response.body === null) {
    throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  }
  contract.check('GET', `${pathname}${search}`, {
    status: response.status,
    headers: response.headers,
    body: undefined,
  });
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    text += decoder.decode(chunk, { stream: true });
  }
  const events = text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const fields = block.split('\n').map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
      });
      const get = (name: string) => fields.find(([field]) => field === name)?.[1];
      return { event: get('event') ?? 'message', id: get('id'), data: get('data') ?? '' };
    });
  for (const event of events.filter((candidate) => candidate.event === 'status')) {
    contract.checkSchema(
      'JobStatusView',
      JSON.parse(event.data),
      `GET ${pathname}: a status event`,
    );
  }
  return events;
}
