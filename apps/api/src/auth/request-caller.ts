import type { Caller } from '@lib/auth';

// The authentication hook sets it on every request but those of OPEN_ROUTES.
declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request; null on the routes that need no key (/health, /metrics, /docs). */
    caller: Caller | null;
  }
}
