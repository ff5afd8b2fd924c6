import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiContract } from './api-contract';
import { closeObjects } from './closed-schema';
import { repositoryRoot } from './repository-root';

// The committed document, which openapi.e2e-spec.ts proves the API serves.
const document = JSON.parse(readFileSync(join(repositoryRoot(), 'openapi.json'), 'utf8'));
const contract = new ApiContract(document);

const id = '6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a';
const job = {
  id,
  type: 'sleep',
  queue: 'default',
  priority: 0,
  status: 'completed',
  attempts: 1,
  max_attempts: 3,
  progress: 100,
  payload: { ms: 1 },
  result: { slept_ms: 1 },
  error: null,
  errors: [],
  timeout_ms: 900_000,
  cancel_requested_at: null,
  schedule_name: null,
  scheduled_for: null,
  depends_on: [],
  on_dependency_failure: 'cancel',
  dependencies: [],
  run_at: null,
  created_at: '2026-11-22T21:50:45.698Z',
  started_at: '2026-11-22T21:50:45.700Z',
  finished_at: '2026-11-22T21:50:45.800Z',
  updated_at: '2026-11-22T21:50:45.800Z',
  webhook_url: null,
};
const json = (extra: Record<string, string> = {}) =>
  new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': id, ...extra });
const answer = (body: unknown, status = 200, headers = json()) => ({ status, headers, body });
const statusOf = (body: unknown, status = 200, headers = json()) =>
  contract.violations('GET', `/job-status/${id}`, answer(body, status, headers));

describe('ApiContract', () => {
  it('accepts an answer the document describes', () => {
    expect(statusOf(job)).toEqual([]);
    expect(statusOf({ ...job, progress: { rows: 10 } })).toEqual([]);
    expect(statusOf({ ...job, progress: null })).toEqual([]);
    const error = {
      message: 'no',
      permanent: false,
      name: 'Error',
      attempt: 1,
      at: job.created_at,
    };
    expect(statusOf({ ...job, status: 'failed', error, errors: [error] })).toEqual([]);
  });

  it('refuses a field the schema does not list (documented objects are closed)', () => {
    expect(statusOf({ ...job, surprise: 1 })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    expect(statusOf({ ...job, error: { ...job, message: 'x' } }).length).toBeGreaterThan(0);
  });

  it('refuses a wrong type, a value outside its enum or format, and a missing field', () => {
    expect(statusOf({ ...job, attempts: '1' })).toEqual([
      expect.stringContaining('attempts: must be integer'),
    ]);
    expect(statusOf({ ...job, status: 'done' }).join()).toContain('status');
    expect(statusOf({ ...job, created_at: 'yesterday' }).join()).toContain('date-time');
    expect(statusOf({ ...job, id: 'nope' }).join()).toContain('uuid');
    const untyped: Partial<typeof job> = { ...job };
    delete untyped.type;
    expect(statusOf(untyped).join()).toContain("required property 'type'");
  });

  it('refuses an answer without a documented required header, or with a malformed one', () => {
    expect(statusOf(job, 200, new Headers({ 'content-type': 'application/json' }))).toEqual([
      expect.stringContaining("header must have required property 'x-request-id'"),
    ]);
    const created = { job_id: id, status: 'queued', status_url: `/job-status/${id}` };
    expect(
      contract.violations('POST', '/create-jobs', answer(created, 202, json())).join(),
    ).toContain("'location'");
    const tooSoon = {
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Slow down.',
      code: 'create_rate_exceeded',
    };
    expect(
      contract.violations(
        'POST',
        '/create-jobs',
        answer(tooSoon, 429, json({ 'retry-after': 'soon' })),
      ),
    ).toEqual([expect.stringContaining('header retry-after: must be integer')]);
    expect(
      contract.violations(
        'POST',
        '/create-jobs',
        answer(tooSoon, 429, json({ 'retry-after': '12' })),
      ),
    ).toEqual([]);
  });

  it('refuses a status the operation does not document', () => {
    expect(statusOf(job, 201)).toEqual([
      expect.stringContaining('status 201 is not documented for GET /job-status/{id}'),
    ]);
  });

  it('refuses an error code the document does not list', () => {
    const error = { statusCode: 404, error: 'Not Found', message: 'No.', code: 'job_not_found' };
    expect(statusOf(error, 404)).toEqual([]);
    expect(statusOf({ ...error, code: 'job_gone' }, 404).join()).toContain('code');
  });

  it('fails the check with the method, path, status and schema error', () => {
    expect(() =>
      contract.check('GET', `/job-status/${id}`, answer({ ...job, extra: true })),
    ).toThrow(
      new RegExp(
        `GET /job-status/${id} answered 200, which breaks the OpenAPI document:\\n.*additional`,
      ),
    );
  });

  it('exempts Bull Board and Swagger UI, and holds other routes to the error shape', () => {
    const page = answer('<html>', 200, new Headers({ 'content-type': 'text/html' }));
    expect(contract.violations('GET', '/admin/queues/api/queues', page)).toEqual([]);
    expect(contract.violations('GET', '/docs', page)).toEqual([]);
    const notFound = {
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /nope',
      code: 'route_not_found',
    };
    expect(contract.violations('GET', '/nope', answer(notFound, 404))).toEqual([]);
    expect(contract.violations('GET', '/nope', answer({ nope: true }, 404)).length).toBeGreaterThan(
      0,
    );
    expect(contract.violations('GET', '/nope', answer({}, 200))).toEqual([
      'undocumented route answered 200',
    ]);
  });

  it('closes a copy of the schemas, leaving objects that allow more as they are', () => {
    const schemas = {
      Closed: { type: 'object', properties: { a: { type: 'string' } } },
      Open: { type: 'object', properties: {}, additionalProperties: true },
    };
    const closed = closeObjects(schemas);
    expect(closed.Closed).toHaveProperty('additionalProperties', false);
    expect(closed.Open).toHaveProperty('additionalProperties', true);
    expect(schemas.Closed).not.toHaveProperty('additionalProperties');
  });
});
