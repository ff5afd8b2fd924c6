import { FairShare } from './fair-share';
import { TenantQuotas } from './tenant-quotas';

describe('FairShare', () => {
  const quotas = TenantQuotas.parse(
    JSON.stringify({
      heavy: { weight: 3 },
      capped: { max_running_jobs: 2, weight: 5 },
      roomy: { max_running_jobs: 500 },
      '*': { weight: 2 },
    }),
  );
  const share = new FairShare(10, quotas);

  it('sizes a window as TENANT_WINDOW times the weight, at most max_running_jobs', () => {
    expect(share.windowOf('heavy')).toBe(30);
    expect(share.windowOf('capped')).toBe(2);
    expect(share.windowOf('roomy')).toBe(10);
    expect(share.windowOf('anyone')).toBe(20);
  });

  it('lets creators hand over only the jobs of tenants without max_running_jobs', () => {
    expect(share.directWindowOf('heavy')).toBe(30);
    expect(share.directWindowOf('capped')).toBe(0);
    expect(share.directWindowOf('roomy')).toBe(0);
  });

  it('lists the windows of tenants with an entry, and one for every other tenant', () => {
    expect(share.windows()).toEqual({
      otherTenants: 20,
      tenants: ['heavy', 'capped', 'roomy'],
      sizes: [30, 2, 10],
    });
  });

  it('gives every tenant TENANT_WINDOW without TENANT_QUOTAS', () => {
    const plain = new FairShare(100, null);
    expect(plain.windowOf('acme')).toBe(100);
    expect(plain.windows()).toEqual({ otherTenants: 100, tenants: [], sizes: [] });
  });
});
