import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WebhookSignatureError, verifyWebhook } from './verify-webhook.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const body = JSON.stringify({ id: 'job-1', status: 'completed', result: { rows: 2 } });
const signed = (at = new Date(), id = 'msg_1') => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(secret).sign(id, at, body),
});

describe('verifyWebhook', () => {
  it('returns the status document of a webhook signed with the secret', () => {
    expect(verifyWebhook(body, signed(), secret)).toEqual(JSON.parse(body));
  });

  it('reads the headers from a fetch Headers object too', () => {
    expect(verifyWebhook(Buffer.from(body), new Headers(signed()), secret)).toMatchObject({
      id: 'job-1',
    });
  });

  it.each([
    ['another secret', body, signed(), `whsec_${randomBytes(32).toString('base64')}`],
    ['a changed body', `${body} `, signed(), secret],
    ['a stale timestamp', body, signed(new Date(Date.now() - 3_600_000)), secret],
    ['missing headers', body, {}, secret],
  ])('refuses %s with a WebhookSignatureError', (_, payload, headers, key) => {
    expect(() => verifyWebhook(payload, headers, key)).toThrow(WebhookSignatureError);
    expect(() => verifyWebhook(payload, headers, key)).toThrow(/did not verify/);
  });
});
