import { PlatformConfig } from '@lib/config';
import { ProducerRedis } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { sendError } from '../http/send-error';
import { AuthFailuresExceededError } from './auth-failures-exceeded.error';
import { perMinuteLimiter } from './per-minute-limiter';

// Probes, scrapers and the docs carry no credentials and are never refused for them.
const EXEMPT = /^\/(health|metrics|docs)(\/|-|$)/;

/**
 * Counts, per client address, the answers 401 (no key, an unknown or revoked key, a
 * failed dashboard login) and refuses that address with 429 for the rest of the minute
 * once it had AUTH_FAILURES_PER_MINUTE of them, before its credentials are looked at:
 * guessing a key or the dashboard password costs a minute every few tries. The address is
 * the connection's (behind a proxy, the proxy's). Requests in flight when the limit is
 * reached still get their 401: the overshoot is bounded by the address's concurrency.
 */
@Injectable()
export class AuthFailureThrottle {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: ProducerRedis, config: PlatformConfig) {
    const prefix = `${config.redis.prefix}:limits:auth-failures`;
    this.limiter = perMinuteLimiter(redis.connection, prefix, config.limits.authFailuresPerMinute);
  }

  /**
   * Adds the hooks. Call before any other onRequest hook is added (authentication, the
   * dashboard's login): Fastify runs them in the order they were added.
   */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request, reply) => {
      if (EXEMPT.test(request.routeOptions.url ?? '')) {
        return;
      }
      const used = await this.limiter.get(request.ip);
      if (used !== null && used.consumedPoints >= this.limiter.points) {
        return sendError(
          reply,
          new AuthFailuresExceededError(request.ip, this.limiter.points, used.msBeforeNext),
        );
      }
    });
    // onSend is awaited before the answer leaves: the failure is counted before the client
    // can send its next guess.
    fastify.addHook('onSend', async (request: FastifyRequest, reply, payload) => {
      if (reply.statusCode === 401) {
        await this.limiter.penalty(request.ip, 1);
      }
      return payload;
    });
  }
}
