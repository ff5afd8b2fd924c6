import { PlatformConfig } from '@lib/config';
import { QueueStore } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { CreateRateExceededError } from './create-rate-exceeded.error';
import { perMinuteLimiter } from './per-minute-limiter';

/**
 * Each tenant's create_per_minute (TENANT_QUOTAS), counted where the queues live (Redis or Postgres), across API processes
 * under a key of its own per tenant: one tenant's flood uses up only its own window.
 */
@Injectable()
export class CreateRateLimiter {
  // One limiter per distinct rate: a limiter has one number of points.
  private readonly byRate = new Map<number, RateLimiterStoreAbstract>();

  constructor(
    private readonly store: QueueStore,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * Counts `jobs` creates against the tenant's rate; a refused request still counts, as
   * a fixed window does, so a client that keeps sending keeps being refused.
   * @throws CreateRateExceededError past the rate, with the ms until the window ends
   */
  async consume(tenant: string, jobs: number): Promise<void> {
    const perMinute = this.config.limits.tenantQuotas?.forTenant(tenant).createPerMinute;
    if (perMinute === undefined || jobs === 0) {
      return;
    }
    try {
      await this.limiter(perMinute).consume(tenant, jobs);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new CreateRateExceededError(tenant, perMinute, rejection.msBeforeNext);
      }
      throw rejection;
    }
  }

  private limiter(perMinute: number): RateLimiterStoreAbstract {
    let limiter = this.byRate.get(perMinute);
    if (!limiter) {
      const prefix = `${this.config.redis.prefix}:limits:create`;
      limiter = perMinuteLimiter(this.store, prefix, perMinute);
      this.byRate.set(perMinute, limiter);
    }
    return limiter;
  }
}
