import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import type { HostResolver } from './host-resolver';
import { OutboundAddressRefusedError } from './outbound-address-refused.error';
import { OutboundFetcher } from './outbound-fetcher';
import type { OutboundSettings } from './outbound-fetcher';
import { OutboundTimeoutError } from './outbound-timeout.error';
import { TooManyRedirectsError } from './too-many-redirects.error';

// Every request of this file goes to 127.0.0.1; resolvers below answer only loopback or
// addresses the guard refuses before any connection is attempted.
describe('OutboundFetcher', () => {
  const requests: IncomingMessage[] = [];
  let handle: (request: IncomingMessage, response: ServerResponse) => void;
  let server: Server;
  let port = 0;
  const fetchers: OutboundFetcher[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request);
      handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await Promise.all(fetchers.map((fetcher) => fetcher.onApplicationShutdown()));
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests.length = 0;
    handle = (_request, response) => response.end('ok');
  });

  const fetcherWith = (settings: Partial<OutboundSettings>, resolve?: HostResolver) => {
    const fetcher = new OutboundFetcher(
      { allowedHosts: [], connectTimeoutMs: 2000, idleTimeoutMs: 2000, ...settings },
      resolve,
    );
    fetchers.push(fetcher);
    return fetcher;
  };
  const answering =
    (...addresses: string[]): HostResolver =>
    () =>
      Promise.resolve(
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );

  it('refuses a loopback IP literal without sending a request', async () => {
    const refusal = fetcherWith({}).fetch(`http://127.0.0.1:${port}/a.csv`);
    await expect(refusal).rejects.toThrow(
      `Refused to connect to 127.0.0.1: loopback addresses are not allowed; list "127.0.0.1:${port}" in OUTBOUND_ALLOWED_HOSTS to allow it.`,
    );
    await expect(refusal).rejects.toMatchObject({ code: 'outbound_address_refused' });
    expect(requests).toHaveLength(0);
  });

  it('refuses an IPv4-mapped IPv6 literal by the address it carries', async () => {
    await expect(fetcherWith({}).fetch(`http://[::ffff:127.0.0.1]:${port}/`)).rejects.toThrow(
      'loopback addresses are not allowed (IPv4-mapped 127.0.0.1)',
    );
    expect(requests).toHaveLength(0);
  });

  it('refuses a name that resolves to a refused address, naming both', async () => {
    const fetcher = fetcherWith({}, answering('10.0.0.7'));
    await expect(fetcher.fetch('http://files.test/a.csv')).rejects.toThrow(
      'Refused to connect to 10.0.0.7 (resolved from files.test): private (RFC 1918) addresses are not allowed; list "files.test:80" in OUTBOUND_ALLOWED_HOSTS to allow it.',
    );
  });

  it('refuses a name when any of its answers is refused', async () => {
    const fetcher = fetcherWith({}, answering('93.184.216.34', '169.254.169.254'));
    const refusal = fetcher.fetch('https://metadata.test/latest');
    await expect(refusal).rejects.toBeInstanceOf(OutboundAddressRefusedError);
    await expect(refusal).rejects.toMatchObject({ address: '169.254.169.254' });
  });

  it('checks the very answers the connection uses: one lookup per connection', async () => {
    // A rebinding name answers loopback to the connection itself; nothing resolves it
    // beforehand, so there is no earlier answer that could differ from it.
    const calls: string[] = [];
    const rebinding: HostResolver = (host) => {
      calls.push(host);
      return answering('127.0.0.1')(host);
    };
    await expect(
      fetcherWith({}, rebinding).fetch(`http://rebind.test:${port}/`),
    ).rejects.toMatchObject({ address: '127.0.0.1', host: 'rebind.test' });
    expect(calls).toEqual(['rebind.test']);
    expect(requests).toHaveLength(0);
  });

  it('connects an allow-listed name to the address its resolver answered', async () => {
    const fetcher = fetcherWith({ allowedHosts: [`files.test:${port}`] }, answering('127.0.0.1'));
    const response = await fetcher.fetch(`http://files.test:${port}/a.csv`);
    expect(response.status).toBe(200);
    expect(await text(response.body)).toBe('ok');
    expect(requests[0].headers.host).toBe(`files.test:${port}`);
  });

  it('allows a host listed without a port on any port', async () => {
    const response = await fetcherWith({ allowedHosts: ['127.0.0.1'] }).fetch(
      `http://127.0.0.1:${port}/`,
    );
    expect(response.status).toBe(200);
    response.body.destroy();
  });

  it('checks every redirect target again', async () => {
    handle = (_request, response) =>
      response.writeHead(302, { location: `http://127.0.0.2:${port}/inner` }).end();
    const fetcher = fetcherWith({ allowedHosts: [`127.0.0.1:${port}`] });
    await expect(fetcher.fetch(`http://127.0.0.1:${port}/outer`)).rejects.toThrow(
      `Refused to connect to 127.0.0.2: loopback addresses are not allowed; list "127.0.0.2:${port}"`,
    );
    expect(requests.map((request) => request.url)).toEqual(['/outer']);
  });

  it('POSTs its body and answers a redirect as it is, without following it', async () => {
    let received = '';
    handle = (request, response) => {
      void text(request).then((body) => {
        received = body;
        response.writeHead(307, { location: `http://127.0.0.1:${port}/moved` }).end();
      });
    };
    const fetcher = fetcherWith({ allowedHosts: [`127.0.0.1:${port}`] });
    const response = await fetcher.fetch(`http://127.0.0.1:${port}/hooks`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    response.body.destroy();
    expect(response.status).toBe(307);
    expect(received).toBe('{"a":1}');
    expect(requests.map((request) => [request.method, request.url])).toEqual([['POST', '/hooks']]);
  });

  it('follows 5 redirects and refuses a sixth', async () => {
    handle = (request, response) => {
      const hop = Number(request.url?.slice(1));
      if (hop === 0) {
        response.end('arrived');
      } else {
        response.writeHead(307, { location: `/${hop - 1}` }).end();
      }
    };
    const fetcher = fetcherWith({ allowedHosts: [`127.0.0.1:${port}`] });
    const five = await fetcher.fetch(`http://127.0.0.1:${port}/5`);
    expect(await text(five.body)).toBe('arrived');
    expect(five.url).toBe(`http://127.0.0.1:${port}/0`);
    const six = fetcher.fetch(`http://127.0.0.1:${port}/6`);
    await expect(six).rejects.toBeInstanceOf(TooManyRedirectsError);
    await expect(six).rejects.toThrow('redirected more than 5 times');
  });

  it('sends URL credentials as basic auth, never in the request line', async () => {
    const fetcher = fetcherWith({ allowedHosts: [`127.0.0.1:${port}`] });
    const response = await fetcher.fetch(`http://user:s3cret@127.0.0.1:${port}/x?token=abc`);
    response.body.destroy();
    expect(requests[0].url).toBe('/x?token=abc');
    expect(requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('user:s3cret').toString('base64')}`,
    );
  });

  it('gives up connecting after the connect timeout', async () => {
    // The timeout runs from the socket's creation, its lookup included: a resolver that
    // never answers stands in for a peer that never accepts, without any traffic.
    const silent: HostResolver = () => new Promise(() => {});
    const fetcher = fetcherWith({ allowedHosts: ['slow.test'], connectTimeoutMs: 200 }, silent);
    const connecting = fetcher.fetch('http://slow.test/a.csv?token=abc');
    await expect(connecting).rejects.toBeInstanceOf(OutboundTimeoutError);
    await expect(connecting).rejects.toThrow(
      'Could not connect to http://slow.test/a.csv?… within 200 ms (OUTBOUND_CONNECT_TIMEOUT_MS).',
    );
  });

  it('fails the body with an idle timeout when the source goes silent', async () => {
    handle = (_request, response) => response.write('first part\n');
    const fetcher = fetcherWith({ allowedHosts: [`127.0.0.1:${port}`], idleTimeoutMs: 200 });
    const response = await fetcher.fetch(`http://user:pw@127.0.0.1:${port}/slow?token=abc`);
    const reading = text(response.body);
    await expect(reading).rejects.toBeInstanceOf(OutboundTimeoutError);
    await expect(reading).rejects.toThrow(
      `http://127.0.0.1:${port}/slow?… sent nothing for 200 ms (OUTBOUND_IDLE_TIMEOUT_MS).`,
    );
  });
});
