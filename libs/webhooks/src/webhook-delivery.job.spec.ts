import type { PlatformConfig } from '@lib/config';
import type { JobStatus } from '@lib/job-status';
import { PermanentJobError, TransientJobError } from '@lib/jobs';
import type { JobContext } from '@lib/jobs';
import type { WebhookAttempt } from './webhook-attempt';
import type { WebhookAttemptRecorder } from './webhook-attempt.recorder';
import { WebhookDeliveryJob } from './webhook-delivery.job';
import type { WebhookRequest, WebhookResponse, WebhookSender } from './webhook-sender';
import type { WebhookTarget, WebhookTargetReader } from './webhook-target.reader';

const job = {
  id: 'job-1',
  status: 'completed',
  webhookUrl: 'https://user:pw@example.com/hooks?token=t',
  createdAt: new Date(),
  updatedAt: new Date(),
} as unknown as JobStatus;
const target: WebhookTarget = { job, url: job.webhookUrl as string, secret: 'whsec_x' };
const config = { webhooks: { retryBaseMs: 900_000, timeoutMs: 10_000 } } as PlatformConfig;
const silentLogger = { log() {}, warn() {}, error() {}, debug() {} };
const ctx: JobContext = {
  jobId: 'delivery-1',
  attempt: 3,
  maxAttempts: 8,
  logger: silentLogger,
  progress: () => Promise.resolve(),
  signal: new AbortController().signal,
  dependencies: () => Promise.resolve([]),
};

// `found` is the target reader's answer: none when the job is gone.
function deliveryAnswering(
  response: WebhookResponse,
  found: { target?: WebhookTarget } = { target },
) {
  const sent: WebhookRequest[] = [];
  const recorded: WebhookAttempt[] = [];
  const delivery = new WebhookDeliveryJob(
    { read: () => Promise.resolve(found.target) } as unknown as WebhookTargetReader,
    {
      send: (request: WebhookRequest) => {
        sent.push(request);
        return Promise.resolve(response);
      },
    } as unknown as WebhookSender,
    {
      record: (attempt: WebhookAttempt) => Promise.resolve(void recorded.push(attempt)),
    } as unknown as WebhookAttemptRecorder,
    config,
  );
  return { delivery, sent, recorded };
}

const ok: WebhookResponse = { statusCode: 200, error: null, durationMs: 12, refused: false };

describe('WebhookDeliveryJob', () => {
  it('retries 8 times in all, doubling from WEBHOOK_RETRY_BASE_MS, on the webhooks queue', () => {
    const { delivery } = deliveryAnswering(ok);
    expect(delivery.defaultQueue).toBe('webhooks');
    expect(delivery.retryPolicy).toEqual({
      maxAttempts: 8,
      backoff: { type: 'exponential', delayMs: 900_000, maxDelayMs: 86_400_000 },
    });
  });

  it("sends the job's status document under the delivery's id and records the attempt", async () => {
    const { delivery, sent, recorded } = deliveryAnswering(ok);
    await expect(delivery.perform({ job_id: 'job-1' }, ctx)).resolves.toEqual({
      webhook_id: 'msg_delivery-1',
      status_code: 200,
    });
    expect(sent[0]).toMatchObject({
      url: target.url,
      secret: 'whsec_x',
      webhookId: 'msg_delivery-1',
    });
    expect(JSON.parse(sent[0].body)).toMatchObject({ id: 'job-1', status: 'completed' });
    expect(sent[0].body).not.toContain('whsec_x');
    expect(recorded).toEqual([
      expect.objectContaining({
        jobId: 'job-1',
        deliveryId: 'delivery-1',
        webhookId: 'msg_delivery-1',
        attempt: 3,
        url: 'https://example.com/hooks?…',
        statusCode: 200,
        error: null,
        durationMs: 12,
      }),
    ]);
  });

  it('retries an answer that is not 2xx, and fails at once on a refused address', async () => {
    const failed = {
      statusCode: 500,
      error: 'the receiver answered 500',
      durationMs: 5,
      refused: false,
    };
    await expect(
      deliveryAnswering(failed).delivery.perform({ job_id: 'job-1' }, ctx),
    ).rejects.toThrow(TransientJobError);
    const refused = { statusCode: null, error: 'Refused to connect', durationMs: 1, refused: true };
    const { delivery, recorded } = deliveryAnswering(refused);
    await expect(delivery.perform({ job_id: 'job-1' }, ctx)).rejects.toThrow(PermanentJobError);
    expect(recorded).toHaveLength(1);
  });

  it('fails at once when the job is gone or has no webhook, sending nothing', async () => {
    const { delivery, sent } = deliveryAnswering(ok, {});
    await expect(delivery.perform({ job_id: 'job-1' }, ctx)).rejects.toThrow(PermanentJobError);
    expect(sent).toEqual([]);
  });
});
