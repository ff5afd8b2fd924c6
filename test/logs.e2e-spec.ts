import { TestPlatform, checkedFetch } from '@lib/testing';
import type { AppProcess } from '@lib/testing';

const jsonLines = (app: AppProcess) =>
  app
    .logs()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, any>);

describe('the logs', () => {
  const platform = new TestPlatform('logs');
  let api: AppProcess;
  let worker: AppProcess;
  let jobId: string;

  beforeAll(async () => {
    // Trust auth accepts any password: this one must never be printed.
    const url = new URL(platform.database.url);
    url.password = 'hunter2';
    api = await platform.start('api', { DATABASE_URL: url.toString() });
    worker = await platform.start('worker', { DATABASE_URL: url.toString() });
    await checkedFetch(`http://127.0.0.1:${api.env.PORT}/jobs`, {
      headers: {
        ...platform.authorization(),
        'proxy-authorization': 'Basic dXNlcjpzZWNyZXQ=',
        'X-Api-Key': 's3cret-api-key',
        cookie: 'session=s3cret-cookie',
        'x-request-id': 'req-42',
      },
    });
    await checkedFetch(`http://127.0.0.1:${api.env.PORT}/jobs?limit=1&token=s3cret-query`);
    jobId = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 1 },
      backoff: { type: 'fixed', delay_ms: 10 },
    });
    await platform.waitForStatus(jobId, ['completed']);
    await Promise.all([api.stop('SIGTERM'), worker.stop('SIGTERM')]);
  });
  afterAll(() => platform.stop());

  it('are one JSON object per line', () => {
    expect(() => jsonLines(api)).not.toThrow();
    expect(() => jsonLines(worker)).not.toThrow();
    expect(jsonLines(api).length).toBeGreaterThan(5);
  });

  it('carry the request id on HTTP lines, taken from X-Request-Id when given', () => {
    const request = jsonLines(api).find((line) => line.req?.url === '/jobs');
    expect(request).toMatchObject({
      req: { id: 'req-42', method: 'GET' },
      res: { statusCode: 200 },
    });
    const created = jsonLines(api).find((line) => line.req?.url === '/create-jobs');
    expect(created?.req.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carry the job id, type, queue and attempt on every job line', () => {
    const jobLines = jsonLines(worker).filter((line) => line.job_id === jobId);
    expect(jobLines.map((line) => [line.msg, line.attempt])).toEqual([
      ['Attempt failed; retrying.', 1],
      ['Job completed.', 2],
    ]);
    for (const line of jobLines) {
      expect(line).toMatchObject({ job_type: 'sleep', queue: 'default', app: 'worker' });
    }
  });

  it('never show credentials', () => {
    for (const output of [api.logs(), worker.logs()]) {
      expect(output).not.toContain('hunter2');
      expect(output).not.toContain(platform.apiKey);
      expect(output).not.toContain('dXNlcjpzZWNyZXQ=');
      expect(output).not.toMatch(/s3cret/);
    }
    const request = jsonLines(api).find((line) => line.req?.url === '/jobs');
    expect(request?.req.headers).toMatchObject({
      authorization: '[redacted]',
      'proxy-authorization': '[redacted]',
      'x-api-key': '[redacted]',
      cookie: '[redacted]',
    });
  });

  it('show a request URL without its query string', () => {
    expect(api.logs()).not.toContain('s3cret-query');
    expect(jsonLines(api).some((line) => line.req?.url === '/jobs?…')).toBe(true);
  });

  it('are readable lines with LOG_FORMAT=pretty', async () => {
    const pretty = await platform.start('api', { LOG_FORMAT: 'pretty' });
    await pretty.stop('SIGTERM');
    const lines = pretty
      .logs()
      .split('\n')
      .filter((line) => line.includes('API listening'));
    expect(lines).toHaveLength(1);
    expect(() => JSON.parse(lines[0]) as unknown).toThrow();
  });
});
