// Anchors for the API: a bare node:http server doing the least each endpoint must do.
//   POST /enqueue          queue.add of the body's job                     (anchor A)
//   POST /insert-enqueue   one INSERT of a job row, then queue.add         (anchor B)
//   GET  /rows/:id         one SELECT by primary key of a copied job row
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { NO_OP_QUEUE, RAW_JOB_OPTIONS } from '../no-op-job';
import { childOptions, serveParent } from '../parent-channel';
import { ANCHOR_ROWS_TABLE } from './bare-http.options';
import type { BareHttpOptions } from './bare-http.options';

const { redisUrl, prefix, databaseUrl } = childOptions<BareHttpOptions>();
const queue = new Queue(NO_OP_QUEUE, { connection: { url: redisUrl }, prefix });
// As many connections as the platform's pool (libs/database open-data-source.ts).
const pool = new Pool({ connectionString: databaseUrl, max: 20 });

interface JobRequest {
  type: string;
  payload: Record<string, unknown>;
}

function readJson(request: IncomingMessage): Promise<JobRequest> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(JSON.parse(body) as JobRequest));
    request.on('error', reject);
  });
}

async function enqueue(request: IncomingMessage): Promise<object> {
  const job = await readJson(request);
  const added = await queue.add(job.type, job.payload, RAW_JOB_OPTIONS);
  return { job_id: added.id };
}

async function insertThenEnqueue(request: IncomingMessage): Promise<object> {
  const job = await readJson(request);
  const id = randomUUID();
  await pool.query('INSERT INTO anchor_jobs (id, type, queue, payload) VALUES ($1, $2, $3, $4)', [
    id,
    job.type,
    NO_OP_QUEUE,
    job.payload,
  ]);
  await queue.add(job.type, job.payload, { ...RAW_JOB_OPTIONS, jobId: id });
  return { job_id: id };
}

async function readRow(id: string): Promise<object | undefined> {
  const { rows } = await pool.query<object>(`SELECT * FROM ${ANCHOR_ROWS_TABLE} WHERE id = $1`, [
    id,
  ]);
  return rows[0];
}

async function route(request: IncomingMessage): Promise<[number, object | undefined]> {
  const url = request.url ?? '/';
  if (request.method === 'POST' && url === '/enqueue') {
    return [202, await enqueue(request)];
  }
  if (request.method === 'POST' && url === '/insert-enqueue') {
    return [202, await insertThenEnqueue(request)];
  }
  if (request.method === 'GET' && url.startsWith('/rows/')) {
    const row = await readRow(url.slice('/rows/'.length));
    return row ? [200, row] : [404, undefined];
  }
  return [404, undefined];
}

function respond(response: ServerResponse, [status, body]: [number, object | undefined]): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

async function listen(): Promise<{ port: number }> {
  // A row shaped like a job's, with its primary key: what "record the job" costs at least.
  await pool.query(`CREATE TABLE IF NOT EXISTS anchor_jobs (
    id uuid PRIMARY KEY, type text NOT NULL, queue text NOT NULL, status text NOT NULL DEFAULT 'queued',
    payload jsonb NOT NULL, attempts integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now())`);
  await queue.waitUntilReady();
  const server = createServer((request, response) => {
    route(request).then(
      (answer) => respond(response, answer),
      (error: Error) => respond(response, [500, { message: error.message }]),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port };
}

serveParent(listen, () => Promise.resolve(undefined));
