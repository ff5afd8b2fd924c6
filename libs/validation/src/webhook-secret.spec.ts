import { randomBytes } from 'node:crypto';
import { isWebhookSecret } from './webhook-secret';

const secretOf = (bytes: number) => `whsec_${randomBytes(bytes).toString('base64')}`;

describe('isWebhookSecret', () => {
  it.each([24, 32, 64])('accepts whsec_ and the base64 of %i bytes', (bytes) => {
    expect(isWebhookSecret(secretOf(bytes))).toBe(true);
  });

  it.each([
    ['fewer than 24 bytes', secretOf(23)],
    ['more than 64 bytes', secretOf(65)],
    ['no prefix', randomBytes(32).toString('base64')],
    ['another prefix', `whsk_${randomBytes(32).toString('base64')}`],
    ['characters outside base64', `whsec_${'-'.repeat(44)}`],
    ['missing padding', secretOf(32).replace(/=+$/, '')],
    ['padding bits set (not canonical base64)', `whsec_${'A'.repeat(42)}B=`],
    ['nothing after the prefix', 'whsec_'],
    ['a number', 42],
  ])('refuses %s', (_, value) => {
    expect(isWebhookSecret(value)).toBe(false);
  });
});
