import type { TenantQuota, TenantQuotas } from './tenant-quotas';

/** The windows of the tenants with an entry of their own, as the hand-off's SQL takes them. */
export interface TenantWindows {
  /** The window of every tenant not listed in `tenants`. */
  readonly otherTenants: number;
  readonly tenants: string[];
  /** `sizes[i]` is the window of `tenants[i]`. */
  readonly sizes: number[];
}

/**
 * How a queue is shared between tenants. Redis holds at most a window of each tenant's
 * jobs per queue (waiting or running there); the rest wait in Postgres and are handed
 * over in turn as the tenant's jobs in Redis finish. A tenant's window is TENANT_WINDOW
 * times its `weight`, and at most its `max_running_jobs`. Since Redis serves a queue in
 * arrival order, a newcomer's first job waits behind at most one window of each busy
 * tenant, however long that tenant's backlog is.
 */
export class FairShare {
  constructor(
    /** TENANT_WINDOW: the window of a tenant of weight 1 without max_running_jobs. */
    private readonly baseWindow: number,
    private readonly quotas: TenantQuotas | null,
  ) {}

  /** Most jobs of `tenant` that Redis may hold at once in one queue. */
  windowOf(tenant: string): number {
    return this.windowFor(this.quotas?.forTenant(tenant) ?? {});
  }

  /**
   * The window within which a new job of `tenant` may be handed to Redis by the process
   * that created it; 0 when its jobs must all pass through the hand-off sweep, which
   * counts under a lock: a tenant capped by max_running_jobs, whose cap must hold exactly.
   */
  directWindowOf(tenant: string): number {
    const quota = this.quotas?.forTenant(tenant) ?? {};
    return quota.maxRunningJobs === undefined ? this.windowFor(quota) : 0;
  }

  /** Every window, for the hand-off sweep. */
  windows(): TenantWindows {
    const tenants = this.quotas?.namedTenants() ?? [];
    return {
      otherTenants: this.windowFor(this.quotas?.forOtherTenants() ?? {}),
      tenants,
      sizes: tenants.map((tenant) => this.windowOf(tenant)),
    };
  }

  private windowFor(quota: TenantQuota): number {
    const weighted = this.baseWindow * (quota.weight ?? 1);
    return Math.min(weighted, quota.maxRunningJobs ?? weighted);
  }
}
