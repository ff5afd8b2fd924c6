import { InvalidConfigError } from './invalid-config.error';
import { loadPlatformConfig } from './load-platform-config';
import { TenantQuotas } from './tenant-quotas';

describe('TenantQuotas', () => {
  it('gives a tenant its own entry, and the others the "*" entry', () => {
    const quotas = TenantQuotas.parse(
      '{"acme": {"max_pending_jobs": 1000, "create_per_minute": 600}, "ops": {}, "*": {"max_pending_jobs": 10}}',
    );
    expect(quotas.forTenant('acme')).toEqual({ maxPendingJobs: 1000, createPerMinute: 600 });
    expect(quotas.forTenant('ops')).toEqual({});
    expect(quotas.forTenant('other')).toEqual({ maxPendingJobs: 10 });
  });

  it('sets no limit for a tenant without an entry when there is no "*" entry', () => {
    expect(TenantQuotas.parse('{"acme": {"max_pending_jobs": 1}}').forTenant('x')).toEqual({});
  });

  it('is absent from the config without TENANT_QUOTAS', () => {
    expect(loadPlatformConfig({}).limits.tenantQuotas).toBeNull();
  });

  it.each([
    ['[1]', 'TENANT_QUOTAS must be a JSON object keyed by tenant, got [1].'],
    [
      '{"acme": 5}',
      'TENANT_QUOTAS.acme must be an object such as {"max_pending_jobs": 1000}, got 5.',
    ],
    [
      '{"acme": {"max_pending": 5}}',
      'TENANT_QUOTAS.acme.max_pending is not a quota; known: max_pending_jobs, create_per_minute, max_running_jobs, weight, got 5.',
    ],
    [
      '{"*": {"create_per_minute": 0}}',
      'TENANT_QUOTAS.*.create_per_minute must be a positive integer, got 0.',
    ],
    [
      '{"acme": {"max_pending_jobs": 1.5}}',
      'TENANT_QUOTAS.acme.max_pending_jobs must be a positive integer, got 1.5.',
    ],
  ])('refuses %s in one line naming the path', (text, message) => {
    const load = () => loadPlatformConfig({ TENANT_QUOTAS: text });
    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow(`Invalid configuration: ${message}`);
  });

  it('refuses text that is not JSON', () => {
    expect(() => TenantQuotas.parse('{acme')).toThrow(
      /^Invalid configuration: TENANT_QUOTAS must be JSON/,
    );
  });
});
