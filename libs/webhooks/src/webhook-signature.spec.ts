import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { webhookHeaders } from './webhook-signature';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const body = JSON.stringify({ id: 'job-1', status: 'completed' });

describe('webhookHeaders', () => {
  it('signs so that standardwebhooks verifies the body with the same secret', () => {
    const headers = webhookHeaders(secret, 'msg_1', new Date(), body);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('gives the timestamp in Unix seconds', () => {
    const headers = webhookHeaders(secret, 'msg_1', new Date('2026-12-01T10:00:00.900Z'), body);
    expect(headers['webhook-timestamp']).toBe(String(Date.UTC(2026, 11, 1, 10) / 1000));
  });

  it('is refused with another secret, or for another body', () => {
    const headers = { ...webhookHeaders(secret, 'msg_1', new Date(), body) };
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    expect(() => new Webhook(other).verify(body, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow(WebhookVerificationError);
  });
});
