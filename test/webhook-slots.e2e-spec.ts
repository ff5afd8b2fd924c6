import { randomBytes } from 'node:crypto';
import { TestPlatform, WebhookReceiver, waitFor } from '@lib/testing';

// The receiver is on 127.0.0.1, listed in OUTBOUND_ALLOWED_HOSTS; it never answers, so each
// delivery holds its slot until WEBHOOK_TIMEOUT_MS, far longer than this test waits.
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

describe('webhook deliveries on slots of their own', () => {
  const receiver = new WebhookReceiver();
  const platform = new TestPlatform('webhook-slots');

  beforeAll(async () => {
    await receiver.start();
    await platform.start('api');
    await platform.start('worker', {
      OUTBOUND_ALLOWED_HOSTS: receiver.host,
      WORKER_CONCURRENCY: '1',
      WEBHOOK_CONCURRENCY: '2',
      WEBHOOK_TIMEOUT_MS: '300000',
      SHUTDOWN_GRACE_MS: '1000',
    });
  });
  afterAll(async () => {
    await platform.stop();
    await receiver.stop();
  });

  it('runs other jobs while hanging receivers hold every delivery slot, and no more deliveries than those', async () => {
    const url = receiver.answer('/hanging', 'silent');
    const withWebhook = await Promise.all(
      [1, 2, 3].map(() =>
        platform.createJob({
          type: 'sleep',
          payload: { ms: 1 },
          webhook_url: url,
          webhook_secret: SECRET,
        }),
      ),
    );
    await Promise.all(withWebhook.map((id) => platform.waitForStatus(id, ['completed'])));
    await waitFor(
      'two deliveries in flight',
      () => Promise.resolve(receiver.requestsTo('/hanging').length),
      (count) => count === 2,
    );

    // The one WORKER_CONCURRENCY slot is free: the deliveries hold only their own.
    const other = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    await platform.waitForStatus(other, ['completed'], 60_000);
    expect(receiver.requestsTo('/hanging')).toHaveLength(2);
  });
});
