import { Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { CreateRateLimiter } from './create-rate.limiter';

// A batch's jobs each count; anything else is one create (validation comes later).
const jobsIn = (body: unknown): number => {
  const jobs = (body as { jobs?: unknown } | null)?.jobs;
  return Array.isArray(jobs) ? jobs.length : 1;
};

/**
 * Holds POST /create-jobs to the caller's create_per_minute. An interceptor: it runs after
 * the scope guard (a key that may not create is told so, not throttled) and before the
 * body is validated (a flood of invalid jobs is a flood too). The refusal goes through
 * the exception filter, which adds Retry-After.
 */
@Injectable()
export class CreateRateInterceptor implements NestInterceptor {
  constructor(private readonly limiter: CreateRateLimiter) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // No caller: the route's own check answers 401.
    if (request.caller) {
      await this.limiter.consume(request.caller.tenant, jobsIn(request.body));
    }
    return next.handle();
  }
}
