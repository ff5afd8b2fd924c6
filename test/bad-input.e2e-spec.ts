import { TestPlatform } from '@lib/testing';

const LONG_TABLE = 't'.repeat(64);

describe('a request the API refuses', () => {
  const platform = new TestPlatform('bad-input', {
    TRUNCATE_ALLOWED_TABLES: `public.daily_stats,public.${LONG_TABLE}`,
    JOB_PAYLOAD_MAX_BYTES: '4096',
  });

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  afterEach(async () => {
    // Whatever was refused left nothing behind: no row, no queued job.
    expect(await platform.rows()).toEqual([]);
    const jobKeys = await platform.queues.keys('*:*-*-*-*-*');
    expect(jobKeys).toEqual([]);
    for (const list of ['wait', 'prioritized', 'delayed']) {
      expect(await platform.queues.keys(`*:${list}`)).toEqual([]);
    }
  });

  /** The answer is the error shape, its message holding `message`. */
  const expectAnswer = (
    response: { status: number; body: any },
    status: number,
    message: string | RegExp,
    code: string,
  ) => {
    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.any(String),
      code,
    });
    if (typeof message === 'string') {
      expect(response.body.message).toContain(message);
    } else {
      expect(response.body.message).toMatch(message);
    }
  };

  const expectRefused = async (
    body: unknown,
    status: number,
    message: string | RegExp,
    code: string,
  ) => expectAnswer(await platform.post('/create-jobs', body), status, message, code);

  it('refuses malformed JSON', () =>
    expectRefused('{"type": "sleep", ', 400, 'Request body is not valid JSON', 'invalid_json'));

  it('refuses a missing type', () =>
    expectRefused(
      { payload: {} },
      400,
      'type is required and must be a string naming a job type.',
      'invalid_request',
    ));

  it('refuses an unknown type, listing the known ones', () =>
    expectRefused(
      { type: 'nope', payload: {} },
      400,
      'Unknown job type "nope". Known types: data_import, sleep, sql_transform, truncate_table.',
      'unknown_job_type',
    ));

  it('refuses a payload that breaks the job type’s rules', () =>
    expectRefused(
      { type: 'sleep', payload: { ms: 5_000_000 } },
      400,
      'payload.ms must be an integer from 0 to 3600000, got 5000000.',
      'invalid_payload',
    ));

  it('refuses a missing payload', () =>
    expectRefused(
      { type: 'sleep' },
      400,
      'payload is required: a JSON object (use {} when the job takes none).',
      'invalid_request',
    ));

  it('joins several problems into one message, a sentence each', () =>
    expectRefused(
      { payload: {}, colour: 'red' },
      400,
      'property colour should not exist. type is required and must be a string naming a job type.',
      'invalid_request',
    ));

  it('refuses unknown fields, in the request and in the payload', async () => {
    await expectRefused(
      { type: 'sleep', payload: { ms: 1 }, colour: 'red' },
      400,
      'property colour should not exist.',
      'invalid_request',
    );
    await expectRefused(
      { type: 'sleep', payload: { ms: 1, colour: 'red' } },
      400,
      "payload.colour is not a field of sleep's payload.",
      'invalid_payload',
    );
  });

  it.each([
    [{ priority: -1 }, 'priority must be an integer from 0 to 1000000, got -1.'],
    [{ max_attempts: 0 }, 'max_attempts must be an integer from 1 to 100, got 0.'],
    [{ delay_ms: 1.5 }, 'delay_ms must be an integer from 0 to 31536000000, got 1.5.'],
    [
      { backoff: { type: 'linear', delay_ms: 10 } },
      'backoff.type must be "exponential" or "fixed", got "linear".',
    ],
    [{ run_at: 'tomorrow' }, 'run_at must be an ISO-8601 date-time, got "tomorrow".'],
  ])('refuses %j out of range', (extra, message) =>
    expectRefused({ type: 'sleep', payload: { ms: 1 }, ...extra }, 400, message, 'invalid_request'),
  );

  it('refuses delay_ms together with run_at', () =>
    expectRefused(
      { type: 'sleep', payload: { ms: 1 }, delay_ms: 10, run_at: new Date().toISOString() },
      400,
      'delay_ms and run_at cannot both be given',
      'exclusive_delay',
    ));

  it('refuses an unknown queue', () =>
    expectRefused(
      { type: 'sleep', payload: { ms: 1 }, queue: 'urgent' },
      400,
      'queue "urgent" is not a queue. Known queues: high, default, low, etl, webhooks.',
      'unknown_queue',
    ));

  it('refuses a body over the size limit with 413', () =>
    expectRefused(
      { type: 'sleep', payload: { ms: 1, message: 'x'.repeat(2 * 1024 * 1024) } },
      413,
      'Request body is larger than the 1048576-byte limit.',
      'body_too_large',
    ));

  it('refuses a payload over JOB_PAYLOAD_MAX_BYTES with 413, naming the type, size and cap', () =>
    expectRefused(
      { type: 'sleep', payload: { ms: 1, message: 'é'.repeat(2100) } },
      413,
      'payload of a sleep job is 4221 bytes as JSON; sleep payloads are at most 4096 bytes (JOB_PAYLOAD_MAX_BYTES).',
      'payload_too_large',
    ));

  it('refuses a payload over the cap its job type declares', () =>
    expectRefused(
      { type: 'truncate_table', payload: { table: 'daily_stats', note: 'x'.repeat(1024) } },
      413,
      'truncate_table payloads are at most 1024 bytes (the cap truncate_table declares).',
      'payload_too_large',
    ));

  it('refuses an oversized payload within a batch, job by job', async () => {
    const big = { type: 'sleep', payload: { ms: 1, message: 'x'.repeat(5000) } };
    const response = await platform.post('/create-jobs', { jobs: [big, { ...big, type: 'nope' }] });
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      {
        result: 'refused',
        status_code: 413,
        error: expect.objectContaining({ code: 'payload_too_large' }),
      },
      {
        result: 'refused',
        status_code: 400,
        error: expect.objectContaining({ code: 'unknown_job_type' }),
      },
    ]);
  });

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
  ])('refuses text Postgres cannot store: %s', (_, message) =>
    expectRefused(
      { type: 'sleep', payload: { ms: 1, message } },
      400,
      'body.payload.message contains',
      'unstorable_text',
    ),
  );

  // Sent as raw text: JSON.stringify of an object literal would drop a "__proto__" key.
  it.each([
    ['{"type":"sleep","payload":{"ms":1,"__proto__":{"admin":true}}}', 'body.payload.__proto__'],
    ['{"__proto__":{"admin":true},"type":"sleep","payload":{"ms":1}}', 'body.__proto__'],
    [
      '{"type":"sleep","payload":{"ms":1,"constructor":{"prototype":{}}}}',
      'body.payload.constructor',
    ],
    [
      '{"type":"sleep","payload":{"list":[{"a":{"prototype":1}}]}}',
      'body.payload.list[0].a.prototype',
    ],
  ])('refuses a prototype key at any depth: %s', (body, path) =>
    expectRefused(body, 400, `${path} is not allowed`, 'prototype_key'),
  );

  it('refuses a body nested 5,000 levels deep, naming the depth limit', () =>
    expectRefused(
      `{"type":"sleep","payload":{"ms":1,"deep":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
      400,
      'Request body is nested more than 64 levels deep',
      'body_too_deep',
    ));

  it('refuses a table outside TRUNCATE_ALLOWED_TABLES', () =>
    expectRefused(
      { type: 'truncate_table', payload: { schema: 'public', table: 'users' } },
      400,
      `Table public.users is not allowed. Allowed tables: public.daily_stats, public.${LONG_TABLE} (set TRUNCATE_ALLOWED_TABLES).`,
      'invalid_payload',
    ));

  it('refuses a table name that only differs from an allowed one in case or quoting', async () => {
    await expectRefused(
      { type: 'truncate_table', payload: { table: 'Daily_Stats' } },
      400,
      'is not allowed',
      'invalid_payload',
    );
    await expectRefused(
      { type: 'truncate_table', payload: { table: '"daily_stats"' } },
      400,
      'is not allowed',
      'invalid_payload',
    );
  });

  it('refuses an allowed identifier past Postgres’s 63-byte limit', () =>
    expectRefused(
      { type: 'truncate_table', payload: { table: LONG_TABLE } },
      400,
      'is 64 bytes; Postgres identifiers are at most 63 bytes.',
      'invalid_payload',
    ));

  it('answers 400 for a malformed job id and 404 for an unknown one', async () => {
    const malformed = await platform.get('/job-status/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('Job id "not-a-uuid" is malformed');
    expect(malformed.body.code).toBe('malformed_job_id');
    const unknown = await platform.get('/job-status/6f1c1b8e-8a53-4d6c-9d0e-3a4c5b6d7e8f');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe(
      'Job 6f1c1b8e-8a53-4d6c-9d0e-3a4c5b6d7e8f does not exist (or has been deleted).',
    );
    expect(unknown.body.code).toBe('job_not_found');
  });

  it('refuses bad list filters', async () => {
    const tooMany = await platform.get('/jobs?limit=5000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('limit must be an integer from 1 to 200, got "5000".');
    const badStatus = await platform.get('/jobs?status=done');
    expect(badStatus.status).toBe(400);
    const badCursor = await platform.get('/jobs?cursor=abc');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.message).toContain('is not a cursor returned by GET /jobs');
    expect(badCursor.body.code).toBe('invalid_cursor');
  });

  it.each([
    ['/jobs?limit=abc', 'limit must be an integer from 1 to 200, got "abc".'],
    ['/jobs?limit=2.5', 'limit must be an integer from 1 to 200, got "2.5".'],
    [
      '/jobs?limit=5&limit=6',
      'limit must be an integer from 1 to 200, got it twice ("5", "6"): give it once.',
    ],
    [
      '/jobs?status=done',
      'status must be one of waiting, queued, scheduled, running, retrying, completed, failed, cancelled, got "done".',
    ],
    [
      '/jobs?status=queued&status=failed',
      'status must be one of waiting, queued, scheduled, running, retrying, completed, failed, cancelled, got it twice ("queued", "failed"): give it once.',
    ],
    ['/jobs?type=a&type=b', 'type must be one job type, got it twice ("a", "b"): give it once.'],
    ['/audit-log?limit=x', 'limit must be an integer from 1 to 200, got "x".'],
  ])('names the query value as received, all of the message: %s', async (path, message) => {
    const response = await platform.get(path);
    expectAnswer(response, 400, message, 'invalid_request');
    expect(response.body.message).toBe(message);
  });

  it('names a missing nested value "nothing", never a placeholder', () =>
    expectRefused(
      { type: 'sleep', payload: { ms: 1 }, backoff: { type: 'fixed' } },
      400,
      'backoff.delay_ms must be an integer from 0 to 86400000, got nothing.',
      'invalid_request',
    ));

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'refuses a body sent as %s with 415: only JSON is read',
    async (type) =>
      expectAnswer(
        await platform.post('/create-jobs', '{"type":"sleep","payload":{}}', {
          headers: { 'content-type': type },
        }),
        415,
        'Request body must be JSON, sent with content-type application/json.',
        'unsupported_media_type',
      ),
  );

  it.each([
    [
      'a path it cannot decode, naming the URL',
      '/job-status/%zz',
      400,
      'URL "/job-status/%zz" is not valid percent-encoding',
      'malformed_url',
    ],
    [
      'a path parameter past Fastify’s length limit',
      `/job-status/${'x'.repeat(200)}`,
      400,
      'A path segment of 200 characters is longer than the 100 the API reads',
      'path_parameter_too_long',
    ],
  ])('answers %s in the error shape', async (_, path, status, message, code) =>
    expectAnswer(await platform.get(path), status, message, code),
  );

  it('answers an unknown route with the error shape and route_not_found', async () => {
    const response = await platform.get('/no-such-route');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringContaining('/no-such-route'),
      code: 'route_not_found',
    });
  });
});
