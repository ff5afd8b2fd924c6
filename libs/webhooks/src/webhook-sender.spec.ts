import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import type { PlatformConfig } from '@lib/config';
import { OutboundFetcher } from '@lib/outbound';
import { Webhook } from 'standardwebhooks';
import { WebhookSender } from './webhook-sender';

// Requests go to 127.0.0.1 only (allow-listed); 10.0.0.1 is refused before any connection.
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const body = '{"id":"job-1","status":"completed"}';

describe('WebhookSender', () => {
  let server: Server;
  let base = '';
  let handle: (request: IncomingMessage, response: ServerResponse) => void;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let fetcher: OutboundFetcher;
  let sender: WebhookSender;

  beforeAll(async () => {
    server = createServer((request, response) => {
      void text(request).then((got) => {
        received.push({ headers: request.headers, body: got });
        handle(request, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fetcher = new OutboundFetcher({
      allowedHosts: [base.replace('http://', '')],
      connectTimeoutMs: 2000,
      idleTimeoutMs: 5000,
    });
    const config = { webhooks: { timeoutMs: 300 } } as PlatformConfig;
    sender = new WebhookSender(fetcher, config);
  });
  afterAll(async () => {
    await fetcher.onApplicationShutdown();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
  });

  const send = (url = `${base}/hooks`, signal = new AbortController().signal) =>
    sender.send({ url, secret, webhookId: 'msg_1', body }, signal);

  it('POSTs the body signed, and counts a 2xx answer', async () => {
    handle = (_, response) => response.writeHead(204).end();
    expect(await send()).toMatchObject({ statusCode: 204, error: null, refused: false });
    const [request] = received;
    expect(request.body).toBe(body);
    expect(request.headers['content-type']).toBe('application/json');
    expect(new Webhook(secret).verify(request.body, request.headers as any)).toEqual(
      JSON.parse(body),
    );
  });

  it('does not count any other answer, a redirect included', async () => {
    handle = (_, response) => response.writeHead(500).end();
    expect(await send()).toMatchObject({
      statusCode: 500,
      error: 'the receiver answered 500 Internal Server Error; only a 2xx answer counts.',
    });
    handle = (_, response) => response.writeHead(301, { location: `${base}/other` }).end();
    expect(await send()).toMatchObject({ statusCode: 301, refused: false });
    expect(received).toHaveLength(2);
  });

  it('gives up on a silent receiver after WEBHOOK_TIMEOUT_MS', async () => {
    handle = () => undefined;
    const outcome = await send();
    expect(outcome).toMatchObject({ statusCode: null, refused: false });
    expect(outcome.error).toBe(`no answer from ${base}/hooks within WEBHOOK_TIMEOUT_MS (300 ms).`);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('reports an address the guard refuses, without connecting', async () => {
    const outcome = await send('http://10.0.0.1/hooks');
    expect(outcome).toMatchObject({ statusCode: null, refused: true });
    expect(outcome.error).toContain('Refused to connect to 10.0.0.1');
  });

  it("throws the attempt's own abort instead of reporting it", async () => {
    handle = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    await expect(send(`${base}/hooks`, controller.signal)).rejects.toThrow('cancelled');
  });
});
