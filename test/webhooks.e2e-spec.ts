import { randomBytes } from 'node:crypto';
import { verifyWebhook } from '@lib/client';
import { TestPlatform, WebhookReceiver, waitFor } from '@lib/testing';
import type { AppProcess } from '@lib/testing';
import { Webhook } from 'standardwebhooks';

// Every delivery here goes to the receiver on 127.0.0.1 (listed in OUTBOUND_ALLOWED_HOSTS),
// except one to 10.0.0.1, which the outbound guard refuses before any connection is tried.
const secretOf = () => `whsec_${randomBytes(32).toString('base64')}`;
const SECRET = secretOf();
const ACME_SECRET = secretOf();

describe('webhooks', () => {
  const receiver = new WebhookReceiver();
  const platform = new TestPlatform('webhooks');
  let api: AppProcess;
  let worker: AppProcess;
  let acmeToken = '';

  beforeAll(async () => {
    await receiver.start();
    const tenantWebhooks = { acme: { url: receiver.answer('/acme', 200), secret: ACME_SECRET } };
    api = await platform.start('api', { TENANT_WEBHOOKS: JSON.stringify(tenantWebhooks) });
    worker = await platform.start('worker', {
      OUTBOUND_ALLOWED_HOSTS: receiver.host,
      WEBHOOK_TIMEOUT_MS: '500',
      WEBHOOK_RETRY_BASE_MS: '100',
    });
    acmeToken = (await platform.createApiKey({ tenant: 'acme' })).token;
  });
  afterAll(async () => {
    await platform.stop();
    await receiver.stop();
  });

  const sleepJob = (extra: Record<string, unknown>) =>
    platform.createJob({ type: 'sleep', payload: { ms: 1 }, ...extra });
  const deliveriesOf = async (jobId: string, settled: (deliveries: any[]) => boolean) =>
    (
      await waitFor(
        `the deliveries of job ${jobId}`,
        () => platform.get(`/job-status/${jobId}/deliveries`),
        (r) => r.status === 200 && settled(r.body.deliveries),
        { timeoutMs: 90_000 },
      )
    ).body.deliveries;

  it('retries a 500 and delivers once on the 200, signed, with the same webhook-id', async () => {
    const url = receiver.answer('/flaky', 500, 200);
    const jobId = await sleepJob({ webhook_url: url, webhook_secret: SECRET });
    const deliveries = await deliveriesOf(jobId, (d) => d.some((a) => a.status_code === 200));

    expect(deliveries).toEqual([
      expect.objectContaining({ attempt: 1, status_code: 500, url }),
      expect.objectContaining({ attempt: 2, status_code: 200, error: null, url }),
    ]);
    expect(deliveries[0].error).toContain('the receiver answered 500');
    for (const attempt of deliveries) {
      expect(attempt.duration_ms).toBeGreaterThanOrEqual(0);
      expect(Date.parse(attempt.attempted_at)).not.toBeNaN();
    }
    const [first, second] = receiver.requestsTo('/flaky');
    expect(receiver.requestsTo('/flaky')).toHaveLength(2);
    const webhookId = `msg_${deliveries[0].delivery_id}`;
    expect(deliveries.map((a: any) => a.webhook_id)).toEqual([webhookId, webhookId]);
    expect([first.headers['webhook-id'], second.headers['webhook-id']]).toEqual([
      webhookId,
      webhookId,
    ]);

    // What the receiver verifies is the job's status document, as GET /job-status shows it.
    const verified: any = new Webhook(SECRET).verify(second.body, second.headers as any);
    const { body: status } = await platform.get(`/job-status/${jobId}`);
    expect(verified).toEqual(status);
    expect(verifyWebhook(second.body, second.headers, SECRET)).toEqual(status);
    expect(status).toMatchObject({ id: jobId, status: 'completed', webhook_url: url });
    expect(() => new Webhook(secretOf()).verify(second.body, second.headers as any)).toThrow();

    const delivery = await platform.waitForStatus(deliveries[0].delivery_id, ['completed']);
    expect(delivery).toMatchObject({ type: 'webhook_delivery', queue: 'webhooks', attempts: 2 });
  });

  it('retries a receiver that never answers up to 8 attempts, then gives up', async () => {
    const url = receiver.answer('/silent', 'silent');
    const jobId = await sleepJob({ webhook_url: url, webhook_secret: SECRET });
    const deliveries = await deliveriesOf(jobId, (d) => d.length === 8);
    const delivery = await platform.waitForStatus(deliveries[0].delivery_id, ['failed'], 30_000);

    expect(delivery).toMatchObject({ attempts: 8, max_attempts: 8 });
    expect(deliveries.map((a: any) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const attempt of deliveries) {
      expect(attempt).toMatchObject({ status_code: null });
      expect(attempt.error).toContain('within WEBHOOK_TIMEOUT_MS (500 ms)');
    }
    expect(receiver.requestsTo('/silent')).toHaveLength(8);
  });

  it('sends a failed job too, and uses the tenant default when a job names none', async () => {
    const response = await platform.post(
      '/create-jobs',
      { type: 'sleep', payload: { ms: 1, fail_attempts: 1 }, max_attempts: 1 },
      { headers: platform.authorization(acmeToken) },
    );
    expect(response.status).toBe(202);
    await waitFor(
      'the delivery to the tenant default',
      () => Promise.resolve(receiver.requestsTo('/acme')),
      (requests) => requests.length === 1,
      { timeoutMs: 60_000 },
    );
    const [request] = receiver.requestsTo('/acme');
    const document: any = new Webhook(ACME_SECRET).verify(request.body, request.headers as any);
    expect(document).toMatchObject({ id: response.body.job_id, status: 'failed' });
  });

  it('never shows or logs a secret', async () => {
    const url = receiver.answer('/quiet', 200);
    const jobId = await sleepJob({ webhook_url: url, webhook_secret: SECRET });
    await deliveriesOf(jobId, (d) => d.length === 1);
    const shown = JSON.stringify([
      (await platform.get(`/job-status/${jobId}`)).body,
      (await platform.get(`/job-status/${jobId}/deliveries`)).body,
      (await platform.get('/jobs')).body,
    ]);
    for (const secret of [SECRET, ACME_SECRET]) {
      expect(shown).not.toContain(secret);
      expect(api.logs()).not.toContain(secret);
      expect(worker.logs()).not.toContain(secret);
    }
  });

  it('fails a delivery the outbound guard refuses, at once and without connecting', async () => {
    const jobId = await sleepJob({ webhook_url: 'http://10.0.0.1/hooks', webhook_secret: SECRET });
    const [attempt] = await deliveriesOf(jobId, (d) => d.length === 1);
    expect(attempt).toMatchObject({ attempt: 1, status_code: null, url: 'http://10.0.0.1/hooks' });
    expect(attempt.error).toContain('Refused to connect to 10.0.0.1');
    const delivery = await platform.waitForStatus(attempt.delivery_id, ['failed']);
    expect(delivery).toMatchObject({ attempts: 1, error: { permanent: true } });
  });

  it("delivers nothing for a job without a webhook, and 404s an unknown or another tenant's job", async () => {
    const jobId = await sleepJob({});
    await platform.waitForStatus(jobId, ['completed']);
    expect((await platform.get(`/job-status/${jobId}`)).body.webhook_url).toBeNull();
    expect((await platform.get(`/job-status/${jobId}/deliveries`)).body).toEqual({
      deliveries: [],
    });
    const rows = await platform.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM job_statuses WHERE payload->>'job_id' = $1",
      [jobId],
    );
    expect(rows[0].n).toBe(0);
    const unknown = await platform.get(
      '/job-status/6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a/deliveries',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('job_not_found');
    const otherTenant = await platform.get(`/job-status/${jobId}/deliveries`, {
      headers: platform.authorization(acmeToken),
    });
    expect(otherTenant.status).toBe(404);
    expect(otherTenant.body.code).toBe('job_not_found');
  });

  it.each([
    [
      'a URL that is not http(s)',
      { webhook_url: 'ftp://example.com/hooks', webhook_secret: SECRET },
      'invalid_request',
      'webhook_url must be an absolute http or https URL',
    ],
    [
      'a secret of too few bytes, without quoting it',
      { webhook_url: 'https://example.com/hooks', webhook_secret: 'whsec_c2hvcnQ=' },
      'invalid_request',
      'webhook_secret must be "whsec_" followed by the base64 of 24 to 64 random bytes',
    ],
    [
      'a secret without a URL',
      { webhook_secret: SECRET },
      'webhook_incomplete',
      'webhook_secret was given without webhook_url',
    ],
    [
      'a URL without a secret',
      { webhook_url: 'https://example.com/hooks' },
      'webhook_incomplete',
      'webhook_url was given without webhook_secret',
    ],
  ])('refuses %s with a 400 naming the problem', async (_, fields, code, message) => {
    const response = await platform.post('/create-jobs', {
      type: 'sleep',
      payload: { ms: 1 },
      ...fields,
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toContain(message);
    expect(response.body.message).not.toContain('c2hvcnQ');
  });
});
