import { InvalidConfigError } from './invalid-config.error';

/** The limits of one tenant; an absent limit does not apply. */
export interface TenantQuota {
  /** Jobs of the tenant not yet finished (queued, scheduled, retrying or running). */
  readonly maxPendingJobs?: number;
  /** Jobs the tenant may create per minute, across every API process. */
  readonly createPerMinute?: number;
  /** Jobs of the tenant running at once in one queue, across every worker. */
  readonly maxRunningJobs?: number;
  /** The tenant's share of a queue against other tenants' (1 when absent; see FairShare). */
  readonly weight?: number;
}

const FIELDS: Record<string, keyof TenantQuota> = {
  max_pending_jobs: 'maxPendingJobs',
  create_per_minute: 'createPerMinute',
  max_running_jobs: 'maxRunningJobs',
  weight: 'weight',
};

/** The wildcard entry: the quota of every tenant that has no entry of its own. */
export const ANY_TENANT = '*';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (path: string, rule: string, value: unknown): never => {
  throw new InvalidConfigError('TENANT_QUOTAS', `${path} ${rule}, got ${JSON.stringify(value)}.`);
};

/**
 * TENANT_QUOTAS, read once at start-up. A tenant's own entry replaces the `"*"` entry
 * whole (so `{"ops": {}}` exempts tenant ops from a wildcard limit).
 */
export class TenantQuotas {
  private constructor(private readonly byTenant: ReadonlyMap<string, TenantQuota>) {}

  /**
   * @throws InvalidConfigError naming the path of the first bad entry, e.g.
   * `TENANT_QUOTAS.acme.max_pending_jobs must be a positive integer, got 0.`
   */
  static parse(text: string): TenantQuotas {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return refuse('TENANT_QUOTAS', `must be JSON (${(error as Error).message})`, text);
    }
    if (!isObject(parsed)) {
      return refuse('TENANT_QUOTAS', 'must be a JSON object keyed by tenant', parsed);
    }
    const byTenant = new Map<string, TenantQuota>();
    for (const [tenant, entry] of Object.entries(parsed)) {
      byTenant.set(tenant, quotaOf(`TENANT_QUOTAS.${tenant}`, entry));
    }
    return new TenantQuotas(byTenant);
  }

  /** The tenant's quota: its own entry, else `"*"`, else no limit. */
  forTenant(tenant: string): TenantQuota {
    return this.byTenant.get(tenant) ?? this.forOtherTenants();
  }

  /** The quota of every tenant without an entry of its own: `"*"`, else no limit. */
  forOtherTenants(): TenantQuota {
    return this.byTenant.get(ANY_TENANT) ?? {};
  }

  /** The tenants with an entry of their own (not `"*"`). */
  namedTenants(): string[] {
    return [...this.byTenant.keys()].filter((tenant) => tenant !== ANY_TENANT);
  }
}

function quotaOf(path: string, entry: unknown): TenantQuota {
  if (!isObject(entry)) {
    return refuse(path, 'must be an object such as {"max_pending_jobs": 1000}', entry);
  }
  const quota: Record<string, number> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (!Object.hasOwn(FIELDS, key)) {
      refuse(`${path}.${key}`, `is not a quota; known: ${Object.keys(FIELDS).join(', ')}`, value);
    }
    if (!Number.isSafeInteger(value) || (value as number) <= 0) {
      refuse(`${path}.${key}`, 'must be a positive integer', value);
    }
    quota[FIELDS[key]] = value as number;
  }
  return quota;
}
