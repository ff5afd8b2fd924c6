import { PlatformConfig } from '@lib/config';
import { QueueStore } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { sendError } from '../http/send-error';
import { AuthFailuresExceededError } from './auth-failures-exceeded.error';
import { perMinuteLimiter } from './per-minute-limiter';

// Probes, scrapers and the docs carry no credentials and are never refused for them.
const EXEMPT = /^\/(health|metrics|docs)(\/|-|$)/;

// Past this many addresses with a recent 401, expired ones are dropped.
const SUSPECTS_PRUNE_SIZE = 10_000;

/**
 * Counts, per client address, the answers 401 (no key, an unknown or revoked key, a
 * failed dashboard login) and refuses that address with 429 for the rest of the minute
 * once it had AUTH_FAILURES_PER_MINUTE of them, before its credentials are looked at:
 * guessing a key or the dashboard password costs a minute every few tries. The address is
 * Fastify's request.ip: the connection's, or the client a TRUST_PROXY proxy forwards.
 * Requests in flight when the limit is reached still get their 401: the overshoot is
 * bounded by the address's concurrency.
 * Only an address this process answered 401 within its window is looked up in the shared store, so
 * that requests with good keys cost no round trip; an address failing on several API
 * processes gets at most one more try on each before each of them refuses it too.
 */
@Injectable()
export class AuthFailureThrottle {
  private readonly limiter: RateLimiterStoreAbstract;
  /** Addresses answered 401 here, and when (epoch ms) their window ends. */
  private readonly suspects = new Map<string, number>();

  constructor(store: QueueStore, config: PlatformConfig) {
    const prefix = `${config.redis.prefix}:limits:auth-failures`;
    this.limiter = perMinuteLimiter(store, prefix, config.limits.authFailuresPerMinute);
  }

  /**
   * Adds the hooks. Call before any other onRequest hook is added (authentication, the
   * dashboard's login): Fastify runs them in the order they were added.
   */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request, reply) => {
      if (!this.isSuspect(request.ip) || EXEMPT.test(request.routeOptions.url ?? '')) {
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
        const used = await this.limiter.penalty(request.ip, 1);
        this.suspect(request.ip, Date.now() + used.msBeforeNext);
      }
      return payload;
    });
  }

  private isSuspect(address: string): boolean {
    return (this.suspects.get(address) ?? 0) > Date.now();
  }

  private suspect(address: string, until: number): void {
    if (this.suspects.size >= SUSPECTS_PRUNE_SIZE) {
      const now = Date.now();
      for (const [known, end] of this.suspects) {
        if (end <= now) {
          this.suspects.delete(known);
        }
      }
    }
    this.suspects.set(address, until);
  }
}
