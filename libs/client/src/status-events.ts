import type { JobStatusDocument } from './api-types';

/**
 * The `status` events of a text/event-stream body, parsed as they arrive.
 * Ends when the server closes the stream.
 */
export async function* statusEvents(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<JobStatusDocument> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      const event =
        lines
          .find((line) => line.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message';
      const data = lines
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (event === 'status' && data !== '') {
        yield JSON.parse(data) as JobStatusDocument;
      }
    }
  }
}
