import { WEBHOOK_URL_MAX_LENGTH, isWebhookUrl } from './webhook-url';

describe('isWebhookUrl', () => {
  it.each(['https://example.com/hooks', 'http://127.0.0.1:8080/x?token=a', 'https://[::1]/'])(
    'accepts %s',
    (url) => {
      expect(isWebhookUrl(url)).toBe(true);
    },
  );

  it.each([
    ['a relative path', '/hooks'],
    ['another scheme', 'ftp://example.com/hooks'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['text that is not a URL', 'example.com/hooks'],
    ['a URL that is too long', `https://example.com/${'a'.repeat(WEBHOOK_URL_MAX_LENGTH)}`],
    ['a number', 42],
  ])('refuses %s', (_, value) => {
    expect(isWebhookUrl(value)).toBe(false);
  });
});
