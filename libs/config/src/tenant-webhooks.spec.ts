import { randomBytes } from 'node:crypto';
import { loadPlatformConfig } from './load-platform-config';
import { TenantWebhooks } from './tenant-webhooks';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('TenantWebhooks', () => {
  it('gives a tenant its own endpoint, and none to a tenant without an entry', () => {
    const webhooks = TenantWebhooks.parse(
      JSON.stringify({ acme: { url: 'https://acme.example/hooks', secret } }),
    );
    expect(webhooks.forTenant('acme')).toEqual({ url: 'https://acme.example/hooks', secret });
    expect(webhooks.forTenant('other')).toBeUndefined();
  });

  it('is absent from the config without TENANT_WEBHOOKS', () => {
    expect(loadPlatformConfig({}).webhooks.tenantWebhooks).toBeNull();
  });

  it.each([
    ['[1]', 'TENANT_WEBHOOKS must be a JSON object keyed by tenant.'],
    [
      '{"acme": 5}',
      'TENANT_WEBHOOKS.acme must be an object {"url": "https://…", "secret": "whsec_…"}.',
    ],
    [
      JSON.stringify({ acme: { url: 'https://a.example', secret, retries: 3 } }),
      'TENANT_WEBHOOKS.acme.retries is not a field; the fields are url and secret.',
    ],
    [
      JSON.stringify({ acme: { url: 'ftp://a.example', secret } }),
      'TENANT_WEBHOOKS.acme.url must be an absolute http or https URL',
    ],
    [
      JSON.stringify({ acme: { url: 'https://a.example', secret: 'whsec_c2hvcnQ=' } }),
      'TENANT_WEBHOOKS.acme.secret must be "whsec_" followed by the base64 of 24 to 64 random bytes',
    ],
  ])('refuses %s at start-up, naming the entry', (text, message) => {
    expect(() => loadPlatformConfig({ TENANT_WEBHOOKS: text })).toThrow(message);
  });

  it('never shows a secret in its errors', () => {
    const bad = 'whsec_not-base64-at-all-but-secret';
    const load = () =>
      loadPlatformConfig({
        TENANT_WEBHOOKS: `{"acme": {"url": "https://a.example", "secret": "${bad}"`,
      });
    expect(load).toThrow('TENANT_WEBHOOKS must be JSON');
    expect(load).not.toThrow(bad);
  });
});
