import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { TestPlatform } from '@lib/testing';

// What a read behind the API key may answer: its 200, a bad query, the key's refusals,
// the failed-authentication throttle, a bug, and Postgres unavailable.
const PROTECTED_READ_STATUSES = ['200', '400', '401', '403', '429', '500', '503'];

describe('the API documentation', () => {
  const platform = new TestPlatform('openapi');
  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('serves Swagger UI at /docs', async () => {
    const response = await platform.get('/docs');
    expect(response.status).toBe(200);
    expect(String(response.body)).toContain('swagger-ui');
  });

  it('serves the committed openapi.json, unchanged', async () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
    expect((await platform.get('/docs-json')).body).toEqual(committed);
  });

  it('serves an OpenAPI 3 document that validates', async () => {
    const spec = (await platform.get('/docs-json')).body;
    expect(spec.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(spec))).resolves.toBeDefined();
  });

  it('documents every endpoint with its body, answers and errors', async () => {
    const { paths, components } = (await platform.get('/docs-json')).body;
    const create = paths['/create-jobs'].post;
    const oneOf = (schema: { oneOf: Array<{ $ref: string }> }) =>
      schema.oneOf.map((alternative) => alternative.$ref.split('/').pop());
    expect(oneOf(create.requestBody.content['application/json'].schema)).toEqual([
      'CreateJobDto',
      'CreateJobsBatchDto',
    ]);
    expect(oneOf(create.responses['200'].content['application/json'].schema)).toEqual([
      'CreatedJobView',
      'CreatedJobsView',
    ]);
    expect(Object.keys(create.responses).sort()).toEqual([
      '200',
      '202',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '429',
      '500',
      '503',
    ]);
    expect(Object.keys(paths['/job-status/{id}'].get.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
      '500',
      '503',
    ]);
    expect(Object.keys(paths['/jobs'].get.responses).sort()).toEqual(PROTECTED_READ_STATUSES);
    expect(Object.keys(paths['/health/ready'].get.responses).sort()).toEqual(['200', '500', '503']);
    expect(paths['/metrics'].get.responses['200'].content).toHaveProperty('text/plain');
    const parameters = paths['/jobs'].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(parameters).toEqual(['cursor', 'fields', 'limit', 'queue', 'status', 'type']);
    const parameter = (name: string) =>
      paths['/jobs'].get.parameters.find((p: { name: string }) => p.name === name);
    expect(parameter('limit')).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    });
    expect(parameter('fields')).toMatchObject({ required: false, schema: { type: 'string' } });
    expect(parameter('fields').description).toContain('Known fields: id, type');

    const { CreateJobDto, BackoffDto, JobStatusView, ErrorView, CreateJobsBatchDto } =
      components.schemas;
    expect(CreateJobsBatchDto.properties.jobs).toMatchObject({ minItems: 1, maxItems: 1000 });
    expect(components.schemas.JobCreationView.properties.result.enum).toEqual([
      'created',
      'replayed',
      'refused',
    ]);
    expect(CreateJobDto.required.sort()).toEqual(['payload', 'type']);
    expect(BackoffDto.required.sort()).toEqual(['delay_ms', 'type']);
    expect(CreateJobDto.properties.type.example).toBe('sleep');
    expect(CreateJobDto.properties.priority).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 1_000_000,
    });
    expect(JobStatusView.properties.status.allOf).toEqual([
      { $ref: '#/components/schemas/JobState' },
    ]);
    expect(components.schemas.JobState.enum).toEqual([
      'waiting',
      'queued',
      'scheduled',
      'running',
      'retrying',
      'completed',
      'failed',
      'cancelled',
    ]);
    expect(ErrorView.properties.message).toMatchObject({ type: 'string' });
    expect(ErrorView.properties.message.example).toContain('payload.ms');
    expect(ErrorView.properties.code).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/ErrorCode' }],
      example: 'invalid_payload',
    });
    expect(components.schemas.ErrorCode.enum).toEqual(
      expect.arrayContaining(['invalid_payload', 'job_not_found', 'route_not_found']),
    );
    expect(ErrorView.required.sort()).toEqual(['code', 'error', 'message', 'statusCode']);
    expect(components.schemas.JobListView.properties.jobs.items.$ref).toContain('JobListItemView');
    expect(components.schemas.JobListItemView.required).toBeUndefined();
    // Nullable objects: a $ref or null, which JSON-Schema validators read as such.
    const nullable = (ref: string) => ({
      oneOf: [{ $ref: `#/components/schemas/${ref}` }, expect.objectContaining({ enum: [null] })],
    });
    expect(JobStatusView.properties.error).toMatchObject(nullable('JobErrorView'));
    expect(components.schemas.ScheduleView.properties.last_run).toMatchObject(
      nullable('ScheduleRunView'),
    );
    expect(JobStatusView.properties.progress.anyOf.map((a: { type: string }) => a.type)).toEqual([
      'number',
      'object',
      'object',
    ]);
    expect(JobStatusView.properties.id).toMatchObject({ type: 'string', format: 'uuid' });
    expect(JobStatusView.properties.created_at).toMatchObject({ format: 'date-time' });
    expect(components.schemas.CreatedJobView.properties.status.allOf[0].$ref).toContain('JobState');
  });

  it('documents the headers of the answers', async () => {
    const { paths, components } = (await platform.get('/docs-json')).body;
    expect(components.headers['X-Request-Id']).toMatchObject({ required: true });
    for (const [path, item] of Object.entries<Record<string, any>>(paths)) {
      for (const [method, operation] of Object.entries<Record<string, any>>(item)) {
        for (const [status, response] of Object.entries<Record<string, any>>(operation.responses)) {
          expect([method, path, status, response.headers['X-Request-Id']]).toEqual([
            method,
            path,
            status,
            { $ref: '#/components/headers/X-Request-Id' },
          ]);
        }
      }
    }
    const create = paths['/create-jobs'].post.responses;
    expect(create['202'].headers.Location).toMatchObject({ required: true });
    expect(create['401'].headers['WWW-Authenticate']).toMatchObject({ required: true });
    expect(create['429'].headers['Retry-After']).toMatchObject({ schema: { type: 'integer' } });
  });

  it('documents the lifecycle and schedule endpoints', async () => {
    const { paths } = (await platform.get('/docs-json')).body;
    const statuses = (path: string, method: string) =>
      Object.keys(paths[path][method].responses).sort();
    expect(statuses('/jobs/{id}/cancel', 'post')).toEqual([
      '200',
      '202',
      '400',
      '401',
      '403',
      '404',
      '409',
      '429',
      '500',
      '503',
    ]);
    expect(statuses('/jobs/{id}/retry', 'post')).toEqual([
      '202',
      '400',
      '401',
      '403',
      '404',
      '409',
      '429',
      '500',
      '503',
    ]);
    expect(paths['/job-status/{id}/events'].get.responses['200'].content).toHaveProperty(
      'text/event-stream',
    );
    expect(
      paths['/schedules'].get.responses['200'].content['application/json'].schema.items.$ref,
    ).toContain('ScheduleView');
    expect(statuses('/schedules/{name}/trigger', 'post')).toEqual([
      '202',
      '400',
      '401',
      '403',
      '404',
      '429',
      '500',
      '503',
    ]);
  });

  it('documents the audit log, a page of entries newest first', async () => {
    const { paths, components } = (await platform.get('/docs-json')).body;
    const list = paths['/audit-log'].get;
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'cursor',
      'limit',
    ]);
    expect(Object.keys(list.responses).sort()).toEqual(PROTECTED_READ_STATUSES);
    expect(list.responses['200'].content['application/json'].schema.$ref).toContain('AuditLogView');
    expect(Object.keys(components.schemas.AuditEntryView.properties).sort()).toEqual([
      'action',
      'actor',
      'at',
      'detail',
      'job_ids',
      'tenant',
    ]);
  });

  it('says which endpoints take an API key as a Bearer token', async () => {
    const { paths, components } = (await platform.get('/docs-json')).body;
    expect(components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(paths['/create-jobs'].post.security).toEqual([{ bearer: [] }]);
    expect(paths['/schedules'].get.security).toEqual([{ bearer: [] }]);
    expect(paths['/audit-log'].get.security).toEqual([{ bearer: [] }]);
    for (const open of ['/health', '/health/ready', '/metrics']) {
      expect([open, paths[open].get.security]).toEqual([open, []]);
    }
    for (const [path, item] of Object.entries<Record<string, any>>(paths)) {
      for (const operation of Object.values<Record<string, any>>(item)) {
        if (!['/health', '/health/ready', '/metrics'].includes(path)) {
          expect([path, operation.security]).toEqual([path, [{ bearer: [] }]]);
        }
      }
    }
  });
});
