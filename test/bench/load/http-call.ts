import { request } from 'node:http';
import type { Agent } from 'node:http';

/** One request of a load: where it goes, what it sends, and which status means success. */
export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  /** A JSON body, sent as is. */
  body?: string;
  expectedStatus: number;
}

/**
 * Sends one request over a keep-alive agent and returns the answer's body. node:http, not
 * fetch: fetch costs the client about as much CPU as the API spends, on the same 2 cores.
 */
export function httpCall(port: number, agent: Agent, spec: HttpRequestSpec): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: spec.path, method: spec.method, agent },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          res.statusCode === spec.expectedStatus
            ? resolve(body)
            : reject(new Error(`${spec.method} ${spec.path} answered ${res.statusCode}: ${body}`)),
        );
      },
    );
    req.on('error', reject);
    if (spec.body !== undefined) {
      req.setHeader('content-type', 'application/json');
      req.end(spec.body);
    } else {
      req.end();
    }
  });
}
